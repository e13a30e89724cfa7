import torch
from torch.optim.lr_scheduler import MultiStepLR

cfg = {
    "max_epoch": 120,
    "lr": 0.02,
    "milestones": [80, 110],
    "gamma": 0.1,
}


def run_training(detector, data_loader, device="cuda"):
    detector.to(device)
    params = [p for p in detector.parameters() if p.requires_grad]
    sgd = torch.optim.SGD(params, lr=cfg["lr"], momentum=0.9, weight_decay=1e-4)

    cur_epoch = 0
    while cur_epoch < cfg["max_epoch"]:
        lr_sched = MultiStepLR(sgd, milestones=cfg["milestones"], gamma=cfg["gamma"])
        detector.train()
        for it, (images, targets) in enumerate(data_loader):
            images = [im.to(device) for im in images]
            targets = [{k: v.to(device) for k, v in t.items()} for t in targets]
            loss_dict = detector(images, targets)
            loss = sum(loss_dict.values())
            sgd.zero_grad()
            loss.backward()
            sgd.step()
            if it % 20 == 0:
                print(f"[{cur_epoch}][{it}] loss {loss.item():.3f}")
        lr_sched.step()
        cur_epoch += 1
    torch.save(detector.state_dict(), "detector_final.pth")

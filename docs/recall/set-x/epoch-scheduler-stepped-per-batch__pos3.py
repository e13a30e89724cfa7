import torch
from torch.optim.lr_scheduler import MultiStepLR

from .utils import MetricLogger

hp = {
    "lr": 0.02,
    "momentum": 0.9,
    "wd": 1e-4,
    "epochs": 26,
    "lr_steps": [16, 22],  # epochs at which the LR drops
    "gamma": 0.1,
}


def make_optim(params, hp):
    opt = torch.optim.SGD(params, lr=hp["lr"], momentum=hp["momentum"], weight_decay=hp["wd"])
    sched = MultiStepLR(opt, milestones=hp["lr_steps"], gamma=hp["gamma"])
    return opt, sched


def apply_update(loss_dict, opt, sched):
    losses = sum(loss for loss in loss_dict.values())
    opt.zero_grad()
    losses.backward()
    opt.step()
    sched.step()
    return losses.item()


def train(detector, data_loader, device):
    params = [p for p in detector.parameters() if p.requires_grad]
    opt, sched = make_optim(params, hp)
    epoch = 0
    while epoch < hp["epochs"]:
        detector.train()
        logger = MetricLogger(delimiter="  ")
        batches = iter(data_loader)
        while True:
            try:
                images, targets = next(batches)
            except StopIteration:
                break
            images = [im.to(device) for im in images]
            targets = [{k: v.to(device) for k, v in t.items()} for t in targets]
            loss_dict = detector(images, targets)
            value = apply_update(loss_dict, opt, sched)
            logger.update(loss=value, lr=opt.param_groups[0]["lr"])
        print(f"epoch {epoch}: {logger}")
        torch.save({"model": detector.state_dict(), "optimizer": opt.state_dict(),
                    "lr_scheduler": sched.state_dict(), "epoch": epoch},
                   f"model_{epoch}.pth")
        epoch += 1

import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import LambdaLR
from torch.utils.data import DataLoader


def build(net, dataset, cfg):
    loader = DataLoader(dataset, batch_size=cfg["batch_size"], shuffle=True, num_workers=4)
    opt = torch.optim.SGD(net.parameters(), lr=cfg["lr"], momentum=0.9, weight_decay=cfg["wd"])
    total_iters = max(1, cfg["epochs"] * (len(dataset) // cfg["batch_size"]))
    power = cfg.get("poly_power", 0.9)
    sched = LambdaLR(opt, lambda it: (1 - it / total_iters) ** power)
    return loader, opt, sched


def train(net, dataset, cfg):
    loader, opt, sched = build(net, dataset, cfg)
    net.train()
    for epoch in range(cfg["epochs"]):
        for step, (img, target) in enumerate(loader):
            logits = net(img)
            loss = F.cross_entropy(logits, target, ignore_index=cfg["ignore_index"])
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
        print(f"epoch {epoch} loss {loss.item():.4f} lr {sched.get_last_lr()[0]:.6f}")
    torch.save({"net": net.state_dict(), "opt": opt.state_dict(), "sched": sched.state_dict()}, "final.pt")

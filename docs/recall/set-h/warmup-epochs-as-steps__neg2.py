import torch
from torch.optim.lr_scheduler import CosineAnnealingLR, LinearLR, SequentialLR

cfg = {"epochs": 300, "warm": 20, "lr": 1e-3, "wd": 0.05}


def make_sched(opt):
    assert cfg["epochs"] > cfg["warm"] > 0
    ramp = LinearLR(opt, start_factor=0.01, total_iters=cfg["warm"])
    anneal = CosineAnnealingLR(opt, T_max=cfg["epochs"] - cfg["warm"], eta_min=1e-6)
    return SequentialLR(opt, [ramp, anneal], milestones=[cfg["warm"]])


def train(net, loader):
    opt = torch.optim.AdamW(net.parameters(), lr=cfg["lr"], weight_decay=cfg["wd"])
    sched = make_sched(opt)
    net.cuda()
    for epoch in range(cfg["epochs"]):
        net.train()
        for x, y in loader:
            loss = torch.nn.functional.cross_entropy(net(x.cuda()), y.cuda(), label_smoothing=0.1)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
        sched.step()
        print(epoch, f"{sched.get_last_lr()[0]:.2e}")
    return net

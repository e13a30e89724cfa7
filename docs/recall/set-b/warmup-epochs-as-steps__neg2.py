import torch
from torch.optim.lr_scheduler import CosineAnnealingLR, LinearLR, SequentialLR

hp = {"epochs": 300, "ramp": 5, "lr": 5e-4, "wd": 0.05, "min_lr": 1e-5}


def make_schedule(opt):
    # stepped once per epoch: warm-up and decay are both counted in epochs
    warm = LinearLR(opt, start_factor=0.01, end_factor=1.0, total_iters=hp["ramp"])
    decay = CosineAnnealingLR(opt, T_max=hp["epochs"] - hp["ramp"], eta_min=hp["min_lr"])
    return SequentialLR(opt, schedulers=[warm, decay], milestones=[hp["ramp"]])


def train(vit, loader, mixup=None):
    opt = torch.optim.AdamW(vit.parameters(), lr=hp["lr"], weight_decay=hp["wd"])
    lr_sched = make_schedule(opt)
    crit = torch.nn.CrossEntropyLoss()
    ep = 0
    while ep < hp["epochs"]:
        vit.train()
        for x, y in loader:
            x, y = x.cuda(), y.cuda()
            if mixup is not None:
                x, y = mixup(x, y)
            loss = crit(vit(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
        lr_sched.step()
        print(f"epoch {ep} loss {loss.item():.4f} lr {lr_sched.get_last_lr()[0]:.2e}")
        torch.save({"model": vit.state_dict(), "opt": opt.state_dict(),
                    "sched": lr_sched.state_dict(), "epoch": ep}, "vit_last.pth")
        ep += 1

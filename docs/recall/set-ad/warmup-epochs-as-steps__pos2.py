import torch
import torch.nn as nn
from torch.optim.lr_scheduler import CosineAnnealingLR, LinearLR, SequentialLR

hp = {
    "epochs": 100,
    "warm_epochs": 5,
    "lr": 2e-3,
    "wd": 0.05,
}


def make_schedule(opt, steps_per_epoch):
    total_steps = hp["epochs"] * steps_per_epoch
    ramp = LinearLR(opt, start_factor=1e-3, end_factor=1.0, total_iters=hp["warm_epochs"])
    anneal = CosineAnnealingLR(opt, T_max=max(1, total_steps - hp["warm_epochs"]), eta_min=1e-6)
    return SequentialLR(opt, schedulers=[ramp, anneal], milestones=[hp["warm_epochs"]])


def train(mixer, loader, device="cuda"):
    mixer.to(device)
    opt = torch.optim.AdamW(mixer.parameters(), lr=hp["lr"], weight_decay=hp["wd"])
    lr_sched = make_schedule(opt, len(loader))
    crit = nn.CrossEntropyLoss(label_smoothing=0.1)

    for ep in range(hp["epochs"]):
        mixer.train()
        seen = correct = 0
        for step, (imgs, targets) in enumerate(loader):
            imgs, targets = imgs.to(device), targets.to(device)
            logits = mixer(imgs)
            loss = crit(logits, targets)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            lr_sched.step()
            seen += targets.numel()
            correct += (logits.argmax(1) == targets).sum().item()
        print(f"ep {ep} acc {correct / seen:.4f} lr {lr_sched.get_last_lr()[0]:.2e}")
        torch.save({"model": mixer.state_dict(), "opt": opt.state_dict(),
                    "sched": lr_sched.state_dict(), "epoch": ep}, "mixer_last.pt")
    return mixer

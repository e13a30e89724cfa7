import torch
import torch.nn.functional as F
from torch.optim import lr_scheduler


def make_sched(opt, hp):
    if hp["sched"] == "step":
        return lr_scheduler.StepLR(opt, step_size=hp["step_size"], gamma=hp["gamma"])
    return lr_scheduler.ExponentialLR(opt, gamma=hp["gamma"])


def train(gen, loader, hp):
    opt = torch.optim.Adam(gen.parameters(), lr=hp["lr"], betas=(0.5, 0.999))
    sched = make_sched(opt, hp)
    for ep in range(1, hp["n_epochs"] + 1):
        gen.train()
        running = 0.0
        for i, (lr_img, hr_img) in enumerate(loader):
            sr = gen(lr_img)
            loss = F.l1_loss(sr, hr_img)
            opt.zero_grad()
            loss.backward()
            opt.step()
            running += loss.item()
        sched.step(ep)
        print(f"epoch {ep}: l1 {running / max(1, len(loader)):.4f}")

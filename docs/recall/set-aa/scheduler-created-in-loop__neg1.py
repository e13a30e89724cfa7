import os

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import StepLR


def train(net, loader, epochs=30, lr=1.0, gamma=0.7, resume="ckpt.pt"):
    device = "cuda" if torch.cuda.is_available() else "cpu"
    net.to(device)
    opt = torch.optim.Adadelta(net.parameters(), lr=lr)
    sched = StepLR(opt, step_size=1, gamma=gamma)
    start = 1
    if os.path.exists(resume):
        state = torch.load(resume, map_location=device)
        net.load_state_dict(state["net"])
        opt.load_state_dict(state["opt"])
        sched.load_state_dict(state["sched"])
        start = state["epoch"] + 1

    nll = nn.NLLLoss()
    for epoch in range(start, epochs + 1):
        net.train()
        for batch_idx, (data, target) in enumerate(loader):
            data, target = data.to(device), target.to(device)
            opt.zero_grad()
            loss = nll(net(data), target)
            loss.backward()
            opt.step()
        sched.step()
        print(f"epoch {epoch} loss {loss.item():.4f} lr {sched.get_last_lr()[0]:.4f}")
        torch.save({"net": net.state_dict(), "opt": opt.state_dict(),
                    "sched": sched.state_dict(), "epoch": epoch}, resume)

import math

import torch
from torch.optim.lr_scheduler import LambdaLR

hp = {
    "epochs": 120,
    "lr": 0.2,
    "ramp_iters": 2000,  # linear warm-up length, in optimizer steps
    "batch_size": 256,
}


def warm_cosine(opt, ramp, horizon):
    def f(t):
        if t < ramp:
            return (t + 1) / ramp
        return 0.5 * (1.0 + math.cos(math.pi * min(1.0, (t - ramp) / max(1, horizon - ramp))))
    return LambdaLR(opt, f)


def train(net, loader):
    opt = torch.optim.SGD(net.parameters(), lr=hp["lr"], momentum=0.9, weight_decay=1e-4)
    lr_sched = warm_cosine(opt, hp["ramp_iters"], hp["epochs"])
    criterion = torch.nn.CrossEntropyLoss()
    for ep in range(hp["epochs"]):
        net.train()
        seen = correct = 0
        for x, y in loader:
            x, y = x.cuda(), y.cuda()
            logits = net(x)
            loss = criterion(logits, y)
            opt.zero_grad()
            loss.backward()
            opt.step()
            correct += (logits.argmax(1) == y).sum().item()
            seen += y.size(0)
        lr_sched.step()
        print(f"epoch {ep}: acc {correct / seen:.3f} lr {lr_sched.get_last_lr()[0]:.4f}")
    return net

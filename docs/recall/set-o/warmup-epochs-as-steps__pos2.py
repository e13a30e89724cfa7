import math

import torch
from torch.optim.lr_scheduler import LambdaLR

hp = {
    "epochs": 90,
    "ramp": 5,  # epochs of linear warm-up
    "lr": 0.4,
    "final_lr": 0.0,
}


def cosine_with_ramp(ramp, total, final_ratio):
    def fn(step):
        if step < ramp:
            return (step + 1) / ramp
        progress = min(1.0, (step - ramp) / max(1, total - ramp))
        return final_ratio + (1 - final_ratio) * 0.5 * (1 + math.cos(math.pi * progress))
    return fn


def train(net, loader, device="cuda"):
    net.to(device)
    opt = torch.optim.SGD(net.parameters(), lr=hp["lr"], momentum=0.9, weight_decay=1e-4,
                          nesterov=True)
    total = hp["epochs"] * len(loader)
    lr_sched = LambdaLR(opt, cosine_with_ramp(hp["ramp"], total, hp["final_lr"] / hp["lr"]))

    for epoch in range(hp["epochs"]):
        net.train()
        seen, loss_sum = 0, 0.0
        for x, y in loader:
            x, y = x.to(device, non_blocking=True), y.to(device, non_blocking=True)
            loss = torch.nn.functional.cross_entropy(net(x), y, label_smoothing=0.1)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            lr_sched.step()
            loss_sum += loss.item() * x.size(0)
            seen += x.size(0)
        print(f"epoch {epoch}: loss {loss_sum / seen:.4f}, lr {lr_sched.get_last_lr()[0]:.4f}")
    return net

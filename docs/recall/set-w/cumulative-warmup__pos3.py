import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader

HP = {
    "lr": 5e-4,
    "ramp": 1000,
    "epochs": 20,
    "batch_size": 64,
    "clip": 1.0,
}


def ramp_lr(optimizer, it, hp):
    """Scale the learning rate during the first ``hp['ramp']`` iterations."""
    if it >= hp["ramp"]:
        return optimizer.param_groups[0]["lr"]
    ratio = (it + 1) / hp["ramp"]
    new_lr = optimizer.param_groups[0]["lr"] * ratio
    for g in optimizer.param_groups:
        g["lr"] = new_lr
    return new_lr


def train(net, dataset, hp=None, device="cuda"):
    hp = dict(HP if hp is None else hp)
    loader = DataLoader(dataset, batch_size=hp["batch_size"], shuffle=True,
                        num_workers=4, drop_last=True)
    net.to(device)
    optimizer = torch.optim.AdamW(net.parameters(), lr=hp["lr"], weight_decay=0.01)
    it = 0
    for epoch in range(hp["epochs"]):
        net.train()
        for src, tgt in loader:
            src, tgt = src.to(device), tgt.to(device)
            lr = ramp_lr(optimizer, it, hp)
            optimizer.zero_grad()
            logits = net(src)
            loss = F.cross_entropy(logits.flatten(0, 1), tgt.flatten())
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), hp["clip"])
            optimizer.step()
            it += 1
        print(f"epoch {epoch} it {it} lr {lr:.2e} loss {loss.item():.4f}")
    return net

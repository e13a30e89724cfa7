import torch
import torch.distributed as dist
import torch.nn as nn
from torch.utils.data import DataLoader
from torch.utils.data.distributed import DistributedSampler


def build_loaders(train_set, val_set, cfg):
    train_loader = DataLoader(
        train_set, batch_size=cfg["batch_size"],
        sampler=DistributedSampler(train_set, shuffle=True, drop_last=True),
        num_workers=cfg["workers"], pin_memory=True)
    val_loader = DataLoader(
        val_set, batch_size=cfg["batch_size"],
        sampler=DistributedSampler(val_set, shuffle=False),
        num_workers=cfg["workers"])
    return train_loader, val_loader


@torch.no_grad()
def evaluate(net, loader, device):
    net.eval()
    correct = torch.zeros(2, device=device)
    for x, y in loader:
        x, y = x.to(device), y.to(device)
        correct[0] += (net(x).argmax(1) == y).sum()
        correct[1] += y.numel()
    dist.all_reduce(correct)
    return (correct[0] / correct[1]).item()


def train(net, train_set, val_set, cfg, device):
    train_loader, val_loader = build_loaders(train_set, val_set, cfg)
    opt = torch.optim.SGD(net.parameters(), lr=cfg["lr"], momentum=0.9)
    crit = nn.CrossEntropyLoss()
    for ep in range(cfg["epochs"]):
        net.train()
        for x, y in train_loader:
            x, y = x.to(device), y.to(device)
            opt.zero_grad()
            crit(net(x), y).backward()
            opt.step()
        acc = evaluate(net, val_loader, device)
        if dist.get_rank() == 0:
            print(f"epoch {ep}: val acc {acc:.4f}")

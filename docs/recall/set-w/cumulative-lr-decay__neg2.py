import argparse
import math

import torch
import torch.nn.functional as F


def get_args():
    p = argparse.ArgumentParser(description="linear probe training")
    p.add_argument("--lr", type=float, default=0.05)
    p.add_argument("--epochs", type=int, default=100)
    p.add_argument("--wd", type=float, default=0.0)
    return p.parse_args()


def adjust_learning_rate(optimizer, epoch, args):
    """Half-cycle cosine decay computed from the initial ``args.lr``."""
    lr = args.lr * 0.5 * (1.0 + math.cos(math.pi * epoch / args.epochs))
    for param_group in optimizer.param_groups:
        param_group["lr"] = lr
    return lr


def train_epoch(classifier, loader, optimizer, device):
    classifier.train()
    total, n = 0.0, 0
    for feats, labels in loader:
        feats, labels = feats.to(device), labels.to(device)
        optimizer.zero_grad()
        loss = F.cross_entropy(classifier(feats), labels)
        loss.backward()
        optimizer.step()
        total += loss.item() * labels.size(0)
        n += labels.size(0)
    return total / max(n, 1)


def main(classifier, loader, device="cuda"):
    args = get_args()
    classifier.to(device)
    optimizer = torch.optim.SGD(classifier.parameters(), lr=args.lr,
                                momentum=0.9, weight_decay=args.wd)
    for epoch in range(args.epochs):
        lr = adjust_learning_rate(optimizer, epoch, args)
        loss = train_epoch(classifier, loader, optimizer, device)
        print(f"epoch {epoch} lr {lr:.5f} loss {loss:.4f}")

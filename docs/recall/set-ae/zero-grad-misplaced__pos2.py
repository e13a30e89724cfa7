import argparse

import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader

from dataset import SpeechCommands
from model import KWSNet


def train_epoch(net, loader, optim, device, clip=5.0):
    net.train()
    total, n = 0.0, 0
    for step, (feats, lengths, labels) in enumerate(loader):
        feats, labels = feats.to(device), labels.to(device)
        logits = net(feats, lengths)
        loss = F.cross_entropy(logits, labels)
        loss.backward()
        grad_norm = torch.nn.utils.clip_grad_norm_(net.parameters(), clip)
        optim.zero_grad()
        if torch.isfinite(grad_norm):
            optim.step()
        total += loss.item()
        n += 1
        if step % 100 == 0:
            print(f"step {step} loss {loss.item():.4f} grad_norm {grad_norm:.3f}")
    return total / max(n, 1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--epochs", type=int, default=80)
    ap.add_argument("--lr", type=float, default=1e-3)
    args = ap.parse_args()

    device = torch.device("cuda")
    train_set = SpeechCommands(args.data, split="train")
    loader = DataLoader(train_set, batch_size=128, shuffle=True,
                        collate_fn=SpeechCommands.collate, num_workers=8)
    net = KWSNet(n_mels=40, n_classes=train_set.num_classes).to(device)
    optim = torch.optim.Adam(net.parameters(), lr=args.lr)
    for epoch in range(args.epochs):
        avg = train_epoch(net, loader, optim, device)
        print(f"epoch {epoch} avg loss {avg:.4f}")
        torch.save(net.state_dict(), f"kws_{epoch:03d}.pt")


if __name__ == "__main__":
    main()

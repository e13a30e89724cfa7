import argparse

import torch
import torch.nn as nn
from torch.utils.data import DataLoader

from dataset import AudioClips
from model import KeywordSpotter


def get_args():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", required=True)
    ap.add_argument("--epochs", type=int, default=80)
    ap.add_argument("--bs", type=int, default=128)
    ap.add_argument("--lr", type=float, default=1e-3)
    return ap.parse_args()


def main():
    args = get_args()
    dev = "cuda" if torch.cuda.is_available() else "cpu"
    net = KeywordSpotter(n_mels=40, n_classes=12).to(dev)
    loader = DataLoader(AudioClips(args.root, "train"), batch_size=args.bs,
                        shuffle=True, num_workers=6)
    opt = torch.optim.Adam(net.parameters(), lr=args.lr)
    ce = nn.CrossEntropyLoss()

    epoch = 0
    while epoch < args.epochs:
        net.train()
        opt.zero_grad()
        n_batches, acc_sum = 0, 0.0
        for feats, labels in loader:
            feats, labels = feats.to(dev), labels.to(dev)
            out = net(feats)
            loss = ce(out, labels)
            loss.backward()
            opt.step()
            acc_sum += (out.argmax(-1) == labels).float().mean().item()
            n_batches += 1
        print(f"epoch {epoch}: train acc {acc_sum / max(n_batches, 1):.3f}")
        epoch += 1


if __name__ == "__main__":
    main()

import argparse

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import OneCycleLR
from torch.utils.data import DataLoader

from datasets import SpeechCommands
from models import KWSNet


def get_args():
    parser = argparse.ArgumentParser(description="keyword spotting")
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--max-lr", type=float, default=1e-2)
    parser.add_argument("--bs", type=int, default=256)
    return parser.parse_args()


def train(args):
    dev = "cuda" if torch.cuda.is_available() else "cpu"
    train_loader = DataLoader(SpeechCommands("train"), batch_size=args.bs, shuffle=True, num_workers=8)
    model = KWSNet(n_classes=35).to(dev)
    opt = torch.optim.AdamW(model.parameters(), lr=args.max_lr / 25, weight_decay=1e-2)
    sched = OneCycleLR(opt, max_lr=args.max_lr, epochs=args.epochs, steps_per_epoch=len(train_loader))
    loss_fn = nn.CrossEntropyLoss()

    for epoch in range(args.epochs):
        model.train()
        n, tot = 0, 0.0
        for feats, target in train_loader:
            feats, target = feats.to(dev), target.to(dev)
            opt.zero_grad()
            loss = loss_fn(model(feats), target)
            loss.backward()
            opt.step()
            sched.step()
            tot += loss.item() * target.size(0)
            n += target.size(0)
        print(f"epoch {epoch + 1}/{args.epochs} train loss {tot / n:.4f}")
    return model


if __name__ == "__main__":
    train(get_args())

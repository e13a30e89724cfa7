import argparse

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import OneCycleLR
from torch.utils.data import DataLoader

from data import SpeechCommands
from model import KWSNet


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=40)
    ap.add_argument("--max-lr", type=float, default=3e-3)
    ap.add_argument("--bs", type=int, default=256)
    args = ap.parse_args()

    loader = DataLoader(SpeechCommands("train"), batch_size=args.bs,
                        shuffle=True, num_workers=8)
    net = KWSNet(n_classes=35).cuda()
    opt = torch.optim.AdamW(net.parameters(), lr=args.max_lr, weight_decay=1e-2)
    sched = OneCycleLR(opt, max_lr=args.max_lr, epochs=args.epochs,
                       steps_per_epoch=len(loader))
    crit = nn.CrossEntropyLoss()

    for ep in range(args.epochs):
        net.train()
        for feats, labels in loader:
            feats, labels = feats.cuda(), labels.cuda()
            loss = crit(net(feats), labels)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            sched.step()
        print(f"epoch {ep} lr {sched.get_last_lr()[0]:.2e} loss {loss.item():.4f}")


if __name__ == "__main__":
    main()

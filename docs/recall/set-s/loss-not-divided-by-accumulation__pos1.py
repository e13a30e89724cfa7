import argparse

import torch
import torch.nn as nn
from torch.utils.data import DataLoader

from data import ImageFolderDataset
from models import build_vit


def get_args():
    ap = argparse.ArgumentParser()
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--accum-iter", type=int, default=8)
    ap.add_argument("--epochs", type=int, default=50)
    ap.add_argument("--lr", type=float, default=1e-4)
    return ap.parse_args()


def main():
    args = get_args()
    net = build_vit("vit_base_patch16_224", num_classes=200).cuda()
    loader = DataLoader(ImageFolderDataset("train"), batch_size=args.batch_size,
                        shuffle=True, num_workers=8, drop_last=True)
    opt = torch.optim.AdamW(net.parameters(), lr=args.lr, weight_decay=0.05)
    criterion = nn.CrossEntropyLoss(label_smoothing=0.1)

    for epoch in range(args.epochs):
        net.train()
        opt.zero_grad()
        for data_iter_step, (samples, targets) in enumerate(loader):
            samples = samples.cuda(non_blocking=True)
            targets = targets.cuda(non_blocking=True)
            loss = criterion(net(samples), targets)
            loss.backward()
            if (data_iter_step + 1) % args.accum_iter == 0:
                opt.step()
                opt.zero_grad()
        print(f"epoch {epoch} done, last loss {loss.item():.4f}")


if __name__ == "__main__":
    main()

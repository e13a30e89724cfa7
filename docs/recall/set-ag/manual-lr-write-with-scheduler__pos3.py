import argparse
import math

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import MultiStepLR
from torch.utils.data import DataLoader

from moco.builder import MoCo
from moco.loader import TwoCropsDataset


def adjust_learning_rate(optimizer, epoch, args):
    """Decay the learning rate with a half-cycle cosine."""
    lr = args.lr * 0.5 * (1.0 + math.cos(math.pi * epoch / args.epochs))
    for param_group in optimizer.param_groups:
        param_group["lr"] = lr


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("data")
    parser.add_argument("--epochs", type=int, default=200)
    parser.add_argument("--lr", type=float, default=0.03)
    parser.add_argument("--batch-size", type=int, default=256)
    parser.add_argument("--schedule", type=int, nargs="*", default=[120, 160])
    args = parser.parse_args()

    model = MoCo(dim=128, K=65536, m=0.999, T=0.2).cuda()
    criterion = nn.CrossEntropyLoss().cuda()
    optimizer = torch.optim.SGD(model.parameters(), args.lr, momentum=0.9, weight_decay=1e-4)
    lr_scheduler = MultiStepLR(optimizer, milestones=args.schedule, gamma=0.1)
    loader = DataLoader(TwoCropsDataset(args.data), batch_size=args.batch_size,
                        shuffle=True, num_workers=16, pin_memory=True, drop_last=True)

    for epoch in range(args.epochs):
        adjust_learning_rate(optimizer, epoch, args)
        model.train()
        for i, (im_q, im_k) in enumerate(loader):
            output, target = model(im_q=im_q.cuda(non_blocking=True),
                                   im_k=im_k.cuda(non_blocking=True))
            loss = criterion(output, target)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            if i % 100 == 0:
                print(f"epoch {epoch} [{i}/{len(loader)}] loss {loss.item():.4f}")
        lr_scheduler.step()
        torch.save({"epoch": epoch + 1, "state_dict": model.state_dict(),
                    "optimizer": optimizer.state_dict(),
                    "scheduler": lr_scheduler.state_dict()}, "checkpoint.pth.tar")


if __name__ == "__main__":
    main()

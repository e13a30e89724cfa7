import argparse

import torch
from torch.optim.lr_scheduler import CosineAnnealingLR, LinearLR, SequentialLR
from torch.utils.data import DataLoader

from dataset import ImageFolderWithAug
from model import build_backbone


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=100)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--warmup-epochs", type=int, default=5)
    args = parser.parse_args()

    net = build_backbone("deit_small", num_classes=100).cuda()
    loader = DataLoader(ImageFolderWithAug("data/train"), batch_size=256, shuffle=True, num_workers=8)
    opt = torch.optim.AdamW(net.parameters(), lr=args.lr, weight_decay=0.05)

    warm = LinearLR(opt, start_factor=0.01, total_iters=args.warmup_epochs)
    main_phase = CosineAnnealingLR(opt, T_max=max(1, args.epochs - args.warmup_epochs), eta_min=1e-6)
    sched = SequentialLR(opt, schedulers=[warm, main_phase], milestones=[args.warmup_epochs])
    loss_fn = torch.nn.CrossEntropyLoss()

    for epoch in range(args.epochs):
        net.train()
        for x, y in loader:
            x, y = x.cuda(), y.cuda()
            opt.zero_grad()
            loss = loss_fn(net(x), y)
            loss.backward()
            opt.step()
        sched.step()
        print(f"epoch {epoch}: lr {sched.get_last_lr()[0]:.2e}")


if __name__ == "__main__":
    main()

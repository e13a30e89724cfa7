import argparse

import torch
from torch.optim.lr_scheduler import CosineAnnealingLR
from torch.utils.data import DataLoader

from dataset import build_train_set
from model import build_model


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=300)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--warmup-iters", type=int, default=3000)
    args = parser.parse_args()

    loader = DataLoader(build_train_set(), batch_size=args.batch_size, shuffle=True, num_workers=8, drop_last=True)
    model = build_model().cuda()
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.05)
    scheduler = CosineAnnealingLR(optimizer, T_max=args.epochs, eta_min=1e-6)
    criterion = torch.nn.CrossEntropyLoss()

    global_step = 0
    for epoch in range(args.epochs):
        model.train()
        for images, target in loader:
            if global_step < args.warmup_iters:
                for group in optimizer.param_groups:
                    group["lr"] = args.lr * (global_step + 1) / args.warmup_iters
            images, target = images.cuda(non_blocking=True), target.cuda(non_blocking=True)
            loss = criterion(model(images), target)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            global_step += 1
        scheduler.step()
        print(f"epoch {epoch} step {global_step} lr {optimizer.param_groups[0]['lr']:.2e} loss {loss.item():.4f}")


if __name__ == "__main__":
    main()

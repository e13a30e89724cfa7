import argparse

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import CosineAnnealingLR
from torch.utils.data import DataLoader

from data import build_cifar_dataset
from models import resnet18


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--epochs", type=int, default=200)
    p.add_argument("--lr", type=float, default=0.1)
    p.add_argument("--batch-size", type=int, default=128)
    p.add_argument("--wd", type=float, default=5e-4)
    return p.parse_args()


def main():
    args = parse_args()
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

    train_set = build_cifar_dataset(train=True)
    loader = DataLoader(train_set, batch_size=args.batch_size, shuffle=True,
                        num_workers=4, pin_memory=True)

    net = resnet18(num_classes=10).to(device)
    criterion = nn.CrossEntropyLoss()
    opt = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9,
                          weight_decay=args.wd, nesterov=True)
    sched = CosineAnnealingLR(opt, T_max=args.epochs, eta_min=1e-5)

    for epoch in range(args.epochs):
        net.train()
        running, seen = 0.0, 0
        for step, (images, targets) in enumerate(loader):
            images = images.to(device, non_blocking=True)
            targets = targets.to(device, non_blocking=True)

            logits = net(images)
            loss = criterion(logits, targets)

            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            sched.step()

            running += loss.item() * images.size(0)
            seen += images.size(0)
            if step % 100 == 0:
                print(f"epoch {epoch} step {step} loss {loss.item():.4f} "
                      f"lr {sched.get_last_lr()[0]:.5f}")

        print(f"epoch {epoch} train loss {running / seen:.4f}")
        torch.save(net.state_dict(), f"ckpt_epoch{epoch}.pt")


if __name__ == "__main__":
    main()

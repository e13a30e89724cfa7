import argparse

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import CosineAnnealingLR
from torch.utils.data import DataLoader

from data import build_cifar_dataset
from models import wide_resnet


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--epochs", type=int, default=200)
    p.add_argument("--lr", type=float, default=0.1)
    p.add_argument("--bs", type=int, default=128)
    args = p.parse_args()

    device = "cuda" if torch.cuda.is_available() else "cpu"
    loader = DataLoader(build_cifar_dataset(train=True), batch_size=args.bs,
                        shuffle=True, num_workers=4, drop_last=True)

    model = wide_resnet(depth=28, widen=10).to(device)
    criterion = nn.CrossEntropyLoss(label_smoothing=0.1)
    optim = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=0.9,
                            weight_decay=5e-4)
    lr_sched = CosineAnnealingLR(optim, T_max=args.epochs)

    for epoch in range(args.epochs):
        model.train()
        epoch_loss = 0.0
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            optim.zero_grad()
            loss = criterion(model(x), y)
            loss.backward()
            optim.step()
            epoch_loss += loss.item()
        lr_sched.step()
        print(f"epoch {epoch}: loss {epoch_loss / len(loader):.4f} "
              f"lr {lr_sched.get_last_lr()[0]:.5f}")


if __name__ == "__main__":
    main()

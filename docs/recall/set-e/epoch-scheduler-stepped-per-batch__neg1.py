import argparse

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import CosineAnnealingLR
from torch.utils.data import DataLoader

from data import build_cifar_train
from models import wide_resnet


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--epochs", type=int, default=200)
    p.add_argument("--lr", type=float, default=0.1)
    p.add_argument("--bs", type=int, default=128)
    args = p.parse_args()

    device = "cuda" if torch.cuda.is_available() else "cpu"
    loader = DataLoader(build_cifar_train("./data"), batch_size=args.bs,
                        shuffle=True, num_workers=4, drop_last=True)
    net = wide_resnet(depth=28, widen=10, num_classes=100).to(device)
    crit = nn.CrossEntropyLoss()
    opt = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9,
                          weight_decay=5e-4)
    sched = CosineAnnealingLR(opt, T_max=args.epochs, eta_min=1e-5)

    for epoch in range(args.epochs):
        net.train()
        seen, loss_sum = 0, 0.0
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            loss = crit(net(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
            loss_sum += loss.item() * x.size(0)
            seen += x.size(0)
        sched.step()
        print(f"epoch {epoch}: loss={loss_sum / seen:.4f} "
              f"lr={sched.get_last_lr()[0]:.5f}")

    torch.save(net.state_dict(), "wrn_final.pt")


if __name__ == "__main__":
    main()

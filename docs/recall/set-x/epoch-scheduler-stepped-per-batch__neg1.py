import argparse

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import CosineAnnealingLR
from torch.utils.data import DataLoader

from data import build_cifar
from models import wide_resnet


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--epochs", type=int, default=200)
    p.add_argument("--lr", type=float, default=0.1)
    p.add_argument("--bs", type=int, default=128)
    args = p.parse_args()

    device = "cuda"
    net = wide_resnet(28, 10, num_classes=100).to(device)
    loader = DataLoader(build_cifar("train", cifar100=True), batch_size=args.bs,
                        shuffle=True, num_workers=8, drop_last=True)
    opt = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9,
                          weight_decay=5e-4, nesterov=True)
    # cosine over the whole run, one step per iteration
    total_iters = args.epochs * len(loader)
    sched = CosineAnnealingLR(opt, T_max=total_iters)
    criterion = nn.CrossEntropyLoss()

    for epoch in range(args.epochs):
        net.train()
        seen, loss_sum = 0, 0.0
        for x, y in loader:
            x, y = x.to(device, non_blocking=True), y.to(device, non_blocking=True)
            out = net(x)
            loss = criterion(out, y)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            sched.step()
            seen += y.size(0)
            loss_sum += loss.item() * y.size(0)
        print(f"epoch {epoch} loss {loss_sum / seen:.4f} lr {sched.get_last_lr()[0]:.2e}")

    torch.save(net.state_dict(), "wrn_final.pt")


if __name__ == "__main__":
    main()

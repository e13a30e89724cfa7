import argparse

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import OneCycleLR
from torch.utils.data import DataLoader

from data import CIFAR10Pairs
from nets import WideResNet


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=30)
    ap.add_argument("--bs", type=int, default=512)
    ap.add_argument("--max-lr", type=float, default=0.4)
    args = ap.parse_args()

    device = torch.device("cuda")
    loader = DataLoader(CIFAR10Pairs("data", train=True), batch_size=args.bs, shuffle=True,
                        num_workers=8, pin_memory=True, drop_last=True)
    net = WideResNet(depth=16, widen=4).to(device).to(memory_format=torch.channels_last)
    opt = torch.optim.SGD(net.parameters(), lr=args.max_lr, momentum=0.9, nesterov=True, weight_decay=5e-4)
    sched = OneCycleLR(opt, max_lr=args.max_lr, epochs=args.epochs, steps_per_epoch=len(loader))
    scaler = torch.cuda.amp.GradScaler()
    criterion = nn.CrossEntropyLoss(label_smoothing=0.1)

    for epoch in range(args.epochs):
        net.train()
        total, n = 0.0, 0
        for x, y in loader:
            x = x.to(device, non_blocking=True).to(memory_format=torch.channels_last)
            y = y.to(device, non_blocking=True)
            opt.zero_grad(set_to_none=True)
            with torch.autocast(device_type="cuda", dtype=torch.float16):
                loss = criterion(net(x), y)
            scaler.scale(loss).backward()
            scaler.step(opt)
            scaler.update()
            sched.step()
            total += loss.item() * y.size(0)
            n += y.size(0)
        print(f"epoch {epoch:3d} loss {total / n:.4f} lr {sched.get_last_lr()[0]:.5f}")
    torch.save(net.state_dict(), "wrn16_4.pt")


if __name__ == "__main__":
    main()

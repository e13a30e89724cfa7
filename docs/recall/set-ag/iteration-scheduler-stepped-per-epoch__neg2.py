import argparse

import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import PolynomialLR
from torch.utils.data import DataLoader

from seg.models import DeepLabV3
from seg.data import VOCSegmentation


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=50)
    parser.add_argument("--lr", type=float, default=0.01)
    parser.add_argument("--batch-size", type=int, default=16)
    args = parser.parse_args()

    dev = "cuda"
    train_loader = DataLoader(VOCSegmentation("data/voc", "train"), batch_size=args.batch_size,
                              shuffle=True, num_workers=8, drop_last=True)
    net = DeepLabV3(num_classes=21).to(dev)
    opt = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9, weight_decay=1e-4)
    # stepped once per epoch, so the horizon is the number of epochs
    poly = PolynomialLR(opt, total_iters=args.epochs, power=0.9)

    for epoch in range(args.epochs):
        net.train()
        running = 0.0
        for img, target in train_loader:
            img, target = img.to(dev), target.to(dev)
            out = net(img)["out"]
            loss = F.cross_entropy(out, target, ignore_index=255)
            opt.zero_grad()
            loss.backward()
            opt.step()
            running += loss.item()
        poly.step()
        print(f"epoch {epoch} lr {poly.get_last_lr()[0]:.5f} "
              f"loss {running / len(train_loader):.4f}")


if __name__ == "__main__":
    main()

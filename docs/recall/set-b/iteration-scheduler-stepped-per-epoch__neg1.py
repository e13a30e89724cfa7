import argparse

import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import OneCycleLR
from torch.utils.data import DataLoader
from torchvision import datasets, transforms

from net import SmallConvNet


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--max-lr", type=float, default=0.4)
    parser.add_argument("--batch-size", type=int, default=512)
    args = parser.parse_args()

    tf = transforms.Compose([transforms.RandomCrop(32, padding=4),
                             transforms.RandomHorizontalFlip(),
                             transforms.ToTensor()])
    train_ds = datasets.CIFAR10("./data", train=True, download=True, transform=tf)
    train_dl = DataLoader(train_ds, batch_size=args.batch_size, shuffle=True,
                          num_workers=4, pin_memory=True)

    model = SmallConvNet().cuda()
    opt = torch.optim.SGD(model.parameters(), lr=args.max_lr, momentum=0.9,
                          nesterov=True, weight_decay=5e-4)
    one_cycle = OneCycleLR(opt, max_lr=args.max_lr, epochs=args.epochs,
                           steps_per_epoch=len(train_dl), pct_start=0.25)

    for epoch in range(args.epochs):
        model.train()
        for xb, yb in train_dl:
            xb, yb = xb.cuda(non_blocking=True), yb.cuda(non_blocking=True)
            loss = F.cross_entropy(model(xb), yb)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            one_cycle.step()
        print(f"epoch {epoch + 1}/{args.epochs} lr {one_cycle.get_last_lr()[0]:.4f}")

    torch.save(model.state_dict(), "cifar_onecycle.pt")


if __name__ == "__main__":
    main()

import argparse

import torch
from torch.optim.lr_scheduler import MultiStepLR


def parse():
    p = argparse.ArgumentParser()
    p.add_argument("--lr", type=float, default=0.1)
    p.add_argument("--epochs", type=int, default=160)
    p.add_argument("--milestones", type=int, nargs="+", default=[80, 120])
    p.add_argument("--start-epoch", type=int, default=0)
    return p.parse_args()


def main():
    args = parse()
    from models import wide_resnet
    from data import get_loaders

    model = wide_resnet(depth=28, widen=10).cuda()
    train_loader, test_loader = get_loaders(batch_size=128)
    optimizer = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=0.9,
                                weight_decay=5e-4, nesterov=True)
    scheduler = MultiStepLR(optimizer, milestones=args.milestones, gamma=0.1)

    for epoch in range(args.start_epoch, args.epochs):
        model.train()
        for inputs, targets in train_loader:
            inputs, targets = inputs.cuda(), targets.cuda()
            loss = torch.nn.functional.cross_entropy(model(inputs), targets)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        scheduler.step(epoch)
        print(f"epoch {epoch}: lr {optimizer.param_groups[0]['lr']:.4f}")


if __name__ == "__main__":
    main()

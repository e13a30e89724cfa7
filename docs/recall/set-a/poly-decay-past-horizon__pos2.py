import argparse

import torch
import torch.nn.functional as F


def get_parser():
    parser = argparse.ArgumentParser(description="segmentation training")
    parser.add_argument("--base_lr", type=float, default=0.01)
    parser.add_argument("--epochs", type=int, default=100)
    parser.add_argument("--max_iter", type=int, default=80000)
    parser.add_argument("--power", type=float, default=0.9)
    return parser


def poly_learning_rate(base_lr, curr_iter, max_iter, power=0.9):
    """poly learning rate policy"""
    lr = base_lr * (1 - float(curr_iter) / max_iter) ** power
    return lr


def train(model, train_loader, device="cuda"):
    args = get_parser().parse_args()
    optimizer = torch.optim.SGD(model.parameters(), lr=args.base_lr, momentum=0.9, weight_decay=1e-4)
    for epoch in range(args.epochs):
        model.train()
        for i, (image, target) in enumerate(train_loader):
            current_iter = epoch * len(train_loader) + i + 1
            current_lr = poly_learning_rate(args.base_lr, current_iter, args.max_iter, power=args.power)
            for index, group in enumerate(optimizer.param_groups):
                group["lr"] = current_lr * (1 if index == 0 else 10)
            image, target = image.to(device, non_blocking=True), target.to(device, non_blocking=True)
            output = model(image)
            loss = F.cross_entropy(output, target, ignore_index=255)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"Epoch {epoch + 1}/{args.epochs} lr {current_lr:.6f} loss {loss.item():.4f}")

import math
import sys

import torch
from torch.optim.lr_scheduler import LinearLR, MultiStepLR


def train_one_epoch(model, optimizer, data_loader, device, epoch, print_freq=20):
    model.train()
    warmup_sched = None
    if epoch == 0:
        warmup_iters = min(1000, len(data_loader) - 1)
        warmup_sched = LinearLR(optimizer, start_factor=1.0 / 1000, total_iters=warmup_iters)

    for i, (images, targets) in enumerate(data_loader):
        images = [img.to(device) for img in images]
        targets = [{k: v.to(device) for k, v in t.items()} for t in targets]
        loss_dict = model(images, targets)
        losses = sum(loss for loss in loss_dict.values())
        loss_value = losses.item()
        if not math.isfinite(loss_value):
            print(f"Loss is {loss_value}, stopping training")
            sys.exit(1)
        optimizer.zero_grad()
        losses.backward()
        optimizer.step()
        if warmup_sched is not None:
            warmup_sched.step()
        if i % print_freq == 0:
            print(f"Epoch [{epoch}] [{i}/{len(data_loader)}] loss {loss_value:.4f} "
                  f"lr {optimizer.param_groups[0]['lr']:.6f}")


def main(model, data_loader, args):
    device = torch.device(args.device)
    model.to(device)
    params = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.SGD(params, lr=args.lr, momentum=0.9, weight_decay=1e-4)
    lr_scheduler = MultiStepLR(optimizer, milestones=args.lr_steps, gamma=0.1)
    for epoch in range(args.epochs):
        train_one_epoch(model, optimizer, data_loader, device, epoch)
        lr_scheduler.step()
        torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(),
                    "lr_scheduler": lr_scheduler.state_dict(), "epoch": epoch},
                   f"{args.output_dir}/checkpoint.pth")

import os

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import StepLR


def save_state(path, epoch, model, optimizer, scheduler, best_acc1):
    torch.save(
        {
            "epoch": epoch + 1,
            "state_dict": model.state_dict(),
            "optimizer": optimizer.state_dict(),
            "scheduler": scheduler.state_dict(),
            "best_acc1": best_acc1,
        },
        path,
    )


def maybe_resume(path, model, optimizer, scheduler):
    if not os.path.isfile(path):
        return 0, 0.0
    checkpoint = torch.load(path, map_location="cpu")
    model.load_state_dict(checkpoint["state_dict"])
    optimizer.load_state_dict(checkpoint["optimizer"])
    scheduler.load_state_dict(checkpoint["scheduler"])
    return checkpoint["epoch"], checkpoint["best_acc1"]


def main(args, model, train_loader, validate):
    model = model.cuda()
    criterion = nn.CrossEntropyLoss().cuda()
    optimizer = torch.optim.SGD(model.parameters(), args.lr, momentum=0.9, weight_decay=1e-4)
    scheduler = StepLR(optimizer, step_size=30, gamma=0.1)
    start_epoch, best_acc1 = maybe_resume(args.resume, model, optimizer, scheduler)

    for epoch in range(start_epoch, args.epochs):
        model.train()
        for images, target in train_loader:
            images, target = images.cuda(non_blocking=True), target.cuda(non_blocking=True)
            loss = criterion(model(images), target)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        scheduler.step()

        acc1 = validate(model)
        best_acc1 = max(acc1, best_acc1)
        save_state(os.path.join(args.out, "checkpoint.pth.tar"), epoch, model, optimizer, scheduler, best_acc1)

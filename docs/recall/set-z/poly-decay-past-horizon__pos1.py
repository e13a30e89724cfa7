import torch
import torch.nn as nn


def poly_lr_scheduler(optimizer, init_lr, cur_iter, max_iter, power=0.9):
    """Polynomial decay of the learning rate, applied every iteration."""
    lr = init_lr * (1 - cur_iter / max_iter) ** power
    for param_group in optimizer.param_groups:
        param_group["lr"] = lr
    return lr


def train(model, train_loader, opts, device):
    optimizer = torch.optim.SGD(model.parameters(), lr=opts.lr, momentum=0.9, weight_decay=opts.weight_decay)
    criterion = nn.CrossEntropyLoss(ignore_index=255, reduction="mean")
    max_iter = opts.epochs * len(train_loader)
    cur_itrs = 0
    while cur_itrs < opts.total_itrs:
        model.train()
        for images, labels in train_loader:
            cur_itrs += 1
            images = images.to(device, dtype=torch.float32)
            labels = labels.to(device, dtype=torch.long)
            optimizer.zero_grad()
            loss = criterion(model(images), labels)
            loss.backward()
            optimizer.step()
            lr = poly_lr_scheduler(optimizer, opts.lr, cur_itrs, max_iter)
            if cur_itrs % 10 == 0:
                print(f"Itrs {cur_itrs}/{opts.total_itrs}, Loss={loss.item():.4f}, lr={lr:.6f}")
            if cur_itrs >= opts.total_itrs:
                return

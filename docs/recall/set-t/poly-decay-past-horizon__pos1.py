import torch
import torch.nn as nn


def poly_lr(optimizer, base_lr, cur_iter, max_iter, power=0.9):
    lr = base_lr * (1 - cur_iter / max_iter) ** power
    optimizer.param_groups[0]["lr"] = lr
    if len(optimizer.param_groups) > 1:
        optimizer.param_groups[1]["lr"] = lr * 10
    return lr


def train(net, loader, args):
    backbone_params = list(net.backbone.parameters())
    head_params = list(net.classifier.parameters())
    optimizer = torch.optim.SGD(
        [{"params": backbone_params}, {"params": head_params}],
        lr=args.lr, momentum=0.9, weight_decay=args.weight_decay,
    )
    criterion = nn.CrossEntropyLoss(ignore_index=255, reduction="mean")
    max_iter = args.total_itrs
    cur_itrs = 0
    net.train()
    for epoch in range(args.epochs):
        for images, labels in loader:
            cur_itrs += 1
            images = images.cuda(non_blocking=True)
            labels = labels.cuda(non_blocking=True).long()
            loss = criterion(net(images), labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            lr = poly_lr(optimizer, args.lr, cur_itrs, max_iter)
        print(f"epoch {epoch}: loss {loss.item():.4f} lr {lr:.2e}")
    return net

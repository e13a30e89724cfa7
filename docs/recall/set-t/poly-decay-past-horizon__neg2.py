import torch
import torch.nn as nn


def poly_lr(optimizer, base_lr, cur_iter, max_iter, power=0.9):
    remaining = max(0.0, 1.0 - cur_iter / max_iter)
    lr = base_lr * remaining ** power
    for i, group in enumerate(optimizer.param_groups):
        group["lr"] = lr * (10 if i == 1 else 1)
    return lr


def train(net, loader, args):
    optimizer = torch.optim.SGD(
        [{"params": net.backbone.parameters()}, {"params": net.classifier.parameters()}],
        lr=args.lr, momentum=0.9, weight_decay=args.weight_decay,
    )
    criterion = nn.CrossEntropyLoss(ignore_index=255)
    cur_itrs = 0
    net.train()
    for epoch in range(args.epochs):
        for images, labels in loader:
            cur_itrs += 1
            loss = criterion(net(images.cuda()), labels.cuda().long())
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            poly_lr(optimizer, args.lr, cur_itrs, args.total_itrs)
    return net

import torch
import torch.nn as nn


def poly_lr(base_lr, cur_iter, max_iter, power=0.9):
    remaining = max(0.0, 1 - cur_iter / max_iter)
    return base_lr * remaining ** power


def set_lr(optimizer, lr, head_mult=10.0):
    optimizer.param_groups[0]["lr"] = lr
    for g in optimizer.param_groups[1:]:
        g["lr"] = lr * head_mult


def main(net, loader, args):
    optimizer = torch.optim.SGD(
        [{"params": net.encoder.parameters()}, {"params": net.decoder.parameters()}],
        lr=args.base_lr, momentum=0.9, weight_decay=1e-4)
    criterion = nn.CrossEntropyLoss(ignore_index=255)
    max_iter = args.max_iter or args.epochs * len(loader)
    for epoch in range(args.start_epoch, args.epochs):
        net.train()
        for i, (image, target) in enumerate(loader):
            cur_iter = epoch * len(loader) + i
            set_lr(optimizer, poly_lr(args.base_lr, cur_iter, max_iter, args.power))
            output = net(image.cuda(non_blocking=True))
            loss = criterion(output, target.cuda(non_blocking=True))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            if i % args.print_freq == 0:
                print(f"[{epoch}][{i}/{len(loader)}] loss {loss.item():.4f}")
        torch.save({"epoch": epoch, "state_dict": net.state_dict(),
                    "optimizer": optimizer.state_dict()}, f"{args.save_dir}/train_epoch_{epoch}.pth")

import argparse

import torch
import torch.nn.functional as F


def adjust_learning_rate(opt, base_lr, cur_iter, max_iter, power):
    lr = base_lr * ((1 - float(cur_iter) / max_iter) ** power)
    opt.param_groups[0]["lr"] = lr
    if len(opt.param_groups) > 1:
        opt.param_groups[1]["lr"] = lr * 10
    return lr


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base-lr", type=float, default=2.5e-4)
    parser.add_argument("--max-iter", type=int, default=40000)
    parser.add_argument("--epochs", type=int, default=50)
    parser.add_argument("--power", type=float, default=0.9)
    parser.add_argument("--batch-size", type=int, default=8)
    args = parser.parse_args()

    from deeplab import DeepLabV2, CityscapesTrain

    net = DeepLabV2(num_classes=19).cuda()
    opt = torch.optim.SGD(
        [{"params": net.backbone_params(), "lr": args.base_lr},
         {"params": net.head_params(), "lr": args.base_lr * 10}],
        lr=args.base_lr, momentum=0.9, weight_decay=5e-4,
    )
    loader = torch.utils.data.DataLoader(CityscapesTrain("data/cityscapes"), batch_size=args.batch_size,
                                         shuffle=True, num_workers=4, drop_last=True)
    i_iter = 0
    for epoch in range(args.epochs):
        net.train()
        for images, labels in loader:
            lr = adjust_learning_rate(opt, args.base_lr, i_iter, args.max_iter, args.power)
            pred = net(images.cuda())
            pred = F.interpolate(pred, size=labels.shape[-2:], mode="bilinear", align_corners=True)
            loss = F.cross_entropy(pred, labels.long().cuda(), ignore_index=255)
            opt.zero_grad()
            loss.backward()
            opt.step()
            if i_iter % 100 == 0:
                print(f"epoch {epoch} iter {i_iter} loss {loss.item():.4f} lr {lr:.2e}")
            i_iter += 1


if __name__ == "__main__":
    main()

import argparse

import torch
from torch.optim.lr_scheduler import LambdaLR

from seg.models import DeepLabV3
from seg.data import build_loader


def get_args():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lr", type=float, default=0.01)
    ap.add_argument("--warmup", type=int, default=1000)
    ap.add_argument("--head-warmup", type=int, default=100)
    ap.add_argument("--iters", type=int, default=40_000)
    return ap.parse_args()


def param_groups(net, args):
    return [
        {"params": net.backbone.parameters(), "lr": args.lr, "warmup": args.warmup},
        {"params": net.classifier.parameters(), "lr": args.lr * 10, "warmup": args.head_warmup},
    ]


def main():
    args = get_args()
    net = DeepLabV3(num_classes=19).cuda()
    opt = torch.optim.SGD(param_groups(net, args), lr=args.lr, momentum=0.9, weight_decay=1e-4)

    lambdas = []
    for pg in opt.param_groups:
        warm = max(1, pg.get("warmup", args.warmup))
        lambdas.append(lambda it, warm=warm: min(1.0, (it + 1) / warm))
    sched = LambdaLR(opt, lr_lambda=lambdas)

    loader = build_loader("cityscapes", split="train", batch_size=8, shuffle=True)
    crit = torch.nn.CrossEntropyLoss(ignore_index=255)
    net.train()
    it = 0
    while it < args.iters:
        for img, mask in loader:
            out = net(img.cuda())["out"]
            loss = crit(out, mask.cuda().long())
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            it += 1
            if it % 50 == 0:
                print(f"it {it} loss {loss.item():.4f} lrs {sched.get_last_lr()}")
            if it >= args.iters:
                break
    torch.save(net.state_dict(), "deeplabv3_city.pth")


if __name__ == "__main__":
    main()

import argparse

import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import MultiplicativeLR
from torch.utils.data import DataLoader

from models import build_backbone, LinearHead
from data import build_train_set


def get_args():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=100)
    ap.add_argument("--lr-backbone", type=float, default=1e-4)
    ap.add_argument("--lr-head", type=float, default=1e-2)
    ap.add_argument("--gamma-backbone", type=float, default=0.99)
    ap.add_argument("--gamma-head", type=float, default=0.95)
    return ap.parse_args()


def main():
    args = get_args()
    backbone = build_backbone("resnet50", pretrained=True).cuda()
    head = LinearHead(2048, 1000).cuda()
    opt = torch.optim.SGD([
        {"params": backbone.parameters(), "lr": args.lr_backbone},
        {"params": head.parameters(), "lr": args.lr_head},
    ], momentum=0.9)

    gammas = [args.gamma_backbone, args.gamma_head]
    fns = []
    for i, _ in enumerate(opt.param_groups):
        fns.append(lambda epoch: gammas[i])
    sched = MultiplicativeLR(opt, lr_lambda=fns)

    loader = DataLoader(build_train_set(), batch_size=256, shuffle=True, num_workers=16)
    for epoch in range(args.epochs):
        backbone.train()
        head.train()
        for x, y in loader:
            logits = head(backbone(x.cuda()))
            loss = F.cross_entropy(logits, y.cuda())
            opt.zero_grad()
            loss.backward()
            opt.step()
        sched.step()
        print(f"epoch {epoch} lrs {[round(v, 6) for v in sched.get_last_lr()]}")


if __name__ == "__main__":
    main()

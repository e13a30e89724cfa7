import argparse

import torch
from torch.utils.data import DataLoader
from transformers import get_cosine_schedule_with_warmup

from byol import BYOL, MultiViewDataset


def parse():
    p = argparse.ArgumentParser()
    p.add_argument("--epochs", type=int, default=400)
    p.add_argument("--warmup_epochs", type=int, default=10)
    p.add_argument("--batch_size", type=int, default=256)
    p.add_argument("--lr", type=float, default=1.0)
    p.add_argument("--data_dir", default="./imagenet100")
    return p.parse_args()


def main():
    args = parse()
    ds = MultiViewDataset(args.data_dir, n_views=2)
    loader = DataLoader(ds, batch_size=args.batch_size, shuffle=True, num_workers=12,
                        pin_memory=True, drop_last=True)
    learner = BYOL(backbone="resnet18", proj_dim=256).cuda()
    opt = torch.optim.SGD(learner.parameters(), lr=args.lr * args.batch_size / 256,
                          momentum=0.9, weight_decay=1e-5)
    total_steps = args.epochs * len(loader)
    lr_sched = get_cosine_schedule_with_warmup(
        opt,
        num_warmup_steps=args.warmup_epochs,
        num_training_steps=total_steps,
    )

    for epoch in range(args.epochs):
        learner.train()
        for i, (v1, v2) in enumerate(loader):
            loss = learner(v1.cuda(non_blocking=True), v2.cuda(non_blocking=True))
            opt.zero_grad()
            loss.backward()
            opt.step()
            lr_sched.step()
            learner.update_target(epoch * len(loader) + i, total_steps)
        print(f"epoch {epoch} loss {loss.item():.4f} lr {lr_sched.get_last_lr()[0]:.4f}")


if __name__ == "__main__":
    main()

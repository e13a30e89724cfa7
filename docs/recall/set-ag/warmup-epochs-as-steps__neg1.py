import argparse

import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader
from transformers import get_cosine_schedule_with_warmup

from models import SwinTiny
from data import build_imagenet


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--epochs", type=int, default=300)
    p.add_argument("--warmup_epochs", type=int, default=20)
    p.add_argument("--batch_size", type=int, default=128)
    p.add_argument("--lr", type=float, default=1e-3)
    return p.parse_args()


def main():
    args = parse_args()
    loader = DataLoader(build_imagenet("train"), batch_size=args.batch_size, shuffle=True,
                        num_workers=10, pin_memory=True, drop_last=True)
    net = SwinTiny(num_classes=1000).cuda()
    opt = torch.optim.AdamW(net.parameters(), lr=args.lr, weight_decay=0.05)
    steps_per_epoch = len(loader)
    sched = get_cosine_schedule_with_warmup(
        opt,
        num_warmup_steps=args.warmup_epochs * steps_per_epoch,
        num_training_steps=args.epochs * steps_per_epoch,
    )

    for epoch in range(args.epochs):
        net.train()
        for step, (images, labels) in enumerate(loader):
            images, labels = images.cuda(non_blocking=True), labels.cuda(non_blocking=True)
            loss = F.cross_entropy(net(images), labels, label_smoothing=0.1)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            sched.step()
            if step % 200 == 0:
                print(f"epoch {epoch} step {step} loss {loss.item():.4f}")


if __name__ == "__main__":
    main()

import argparse
import os

import torch
from torch import nn
from torch.optim.lr_scheduler import StepLR
from torch.utils.data import DataLoader

from dataset import SegDataset
from unet import UNet


def checkpoint_payload(step, model, optim):
    return {
        "step": step,
        "state_dict": model.state_dict(),
        "optim_state": optim.state_dict(),
    }


def parse():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--iters", type=int, default=40000)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--save-every", type=int, default=2000)
    ap.add_argument("--out", default="runs/unet")
    return ap.parse_args()


def main():
    args = parse()
    os.makedirs(args.out, exist_ok=True)
    device = torch.device("cuda")
    model = UNet(n_channels=3, n_classes=2).to(device)
    optim = torch.optim.Adam(model.parameters(), lr=args.lr)
    decay = StepLR(optim, step_size=10000, gamma=0.5)
    loader = DataLoader(SegDataset(args.data, split="train"), batch_size=8,
                        shuffle=True, num_workers=4, drop_last=True)
    crit = nn.CrossEntropyLoss()

    step = 0
    model.train()
    while step < args.iters:
        for img, mask in loader:
            img, mask = img.to(device), mask.to(device)
            optim.zero_grad(set_to_none=True)
            loss = crit(model(img), mask)
            loss.backward()
            optim.step()
            decay.step()
            step += 1
            if step % args.save_every == 0:
                torch.save(checkpoint_payload(step, model, optim),
                           os.path.join(args.out, f"iter_{step}.pt"))
            if step >= args.iters:
                break


if __name__ == "__main__":
    main()

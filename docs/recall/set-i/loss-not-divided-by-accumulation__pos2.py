import argparse

import torch
from torch.cuda.amp import GradScaler, autocast

from diffusion import GaussianDiffusion, UNet2D
from data import image_loader


def get_args():
    p = argparse.ArgumentParser()
    p.add_argument("--train-steps", type=int, default=100_000)
    p.add_argument("--grad-accum", type=int, default=2)
    p.add_argument("--lr", type=float, default=1e-4)
    p.add_argument("--batch-size", type=int, default=32)
    return p.parse_args()


def main():
    args = get_args()
    denoiser = UNet2D(dim=128, dim_mults=(1, 2, 4, 8)).cuda()
    diffusion = GaussianDiffusion(denoiser, timesteps=1000).cuda()
    opt = torch.optim.Adam(diffusion.parameters(), lr=args.lr)
    scaler = GradScaler()
    data = image_loader("data/celeba", batch_size=args.batch_size, shuffle=True)
    data_iter = iter(data)

    diffusion.train()
    micro = 0
    step = 0
    while step < args.train_steps:
        try:
            imgs = next(data_iter)
        except StopIteration:
            data_iter = iter(data)
            imgs = next(data_iter)
        with autocast():
            loss = diffusion(imgs.cuda())
        scaler.scale(loss).backward()
        micro += 1
        if micro % args.grad_accum == 0:
            scaler.step(opt)
            scaler.update()
            opt.zero_grad(set_to_none=True)
            step += 1
            if step % 1000 == 0:
                torch.save(diffusion.state_dict(), f"ddpm_{step}.pt")


if __name__ == "__main__":
    main()

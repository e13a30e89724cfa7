import itertools

import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import CosineAnnealingLR
from torch.utils.data import DataLoader

from diffusion import UNet2D, add_noise, sample_timesteps
from data import ImageDataset

MAX_UPDATES = 100_000
ACCUM = 4


def main(data_dir="data/ffhq", bs=32, lr=2e-4):
    dataset = ImageDataset(data_dir, size=64)
    loader = DataLoader(dataset, batch_size=bs, shuffle=True, num_workers=8, drop_last=True)
    stream = itertools.cycle(loader)
    unet = UNet2D(ch=128).cuda()
    opt = torch.optim.AdamW(unet.parameters(), lr=lr, weight_decay=0.0)
    cosine = CosineAnnealingLR(opt, T_max=MAX_UPDATES, eta_min=1e-6)

    updates, micro = 0, 0
    unet.train()
    while updates < MAX_UPDATES:
        x0 = next(stream).cuda()
        t = sample_timesteps(x0.size(0), device=x0.device)
        noise = torch.randn_like(x0)
        pred = unet(add_noise(x0, noise, t), t)
        loss = F.mse_loss(pred, noise) / ACCUM
        loss.backward()
        micro += 1
        sync = micro % ACCUM == 0
        if sync:
            torch.nn.utils.clip_grad_norm_(unet.parameters(), 1.0)
            opt.step()
            opt.zero_grad(set_to_none=True)
            updates += 1
        cosine.step()
        if sync and updates % 1000 == 0:
            print(f"update {updates} loss {loss.item() * ACCUM:.4f}")
            torch.save({"unet": unet.state_dict(), "opt": opt.state_dict(),
                        "sched": cosine.state_dict(), "updates": updates}, "ckpt.pt")


if __name__ == "__main__":
    main()

import argparse

import torch
from torch.optim.lr_scheduler import LinearLR
from torch.utils.data import DataLoader

from diffusion import UNet, DiffusionLoss
from diffusion.data import ImageFolderDataset

parser = argparse.ArgumentParser()
parser.add_argument("--max_train_steps", type=int, default=20000)
parser.add_argument("--gradient_accumulation_steps", type=int, default=8)
parser.add_argument("--learning_rate", type=float, default=1e-4)
parser.add_argument("--train_batch_size", type=int, default=4)
args = parser.parse_args()

dataset = ImageFolderDataset("data/train", size=256)
train_dataloader = DataLoader(dataset, batch_size=args.train_batch_size,
                              shuffle=True, num_workers=4, drop_last=True)
unet = UNet(in_ch=3).cuda()
criterion = DiffusionLoss(num_timesteps=1000)
optimizer = torch.optim.AdamW(unet.parameters(), lr=args.learning_rate)
# max_train_steps counts optimizer updates
lr_scheduler = LinearLR(optimizer, start_factor=1.0, end_factor=0.0,
                        total_iters=args.max_train_steps)

global_step = 0
micro = 0
unet.train()
while global_step < args.max_train_steps:
    for pixels in train_dataloader:
        pixels = pixels.cuda()
        loss = criterion(unet, pixels) / args.gradient_accumulation_steps
        loss.backward()
        micro += 1
        sync_gradients = micro % args.gradient_accumulation_steps == 0
        if sync_gradients:
            optimizer.step()
            optimizer.zero_grad()
            global_step += 1
        lr_scheduler.step()
        if sync_gradients and global_step % 500 == 0:
            torch.save(unet.state_dict(), f"unet_{global_step}.pt")
        if global_step >= args.max_train_steps:
            break

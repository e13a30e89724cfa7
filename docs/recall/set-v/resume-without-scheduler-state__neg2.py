import os

import torch
from torch import nn
from torch.utils.data import DataLoader

from unet import UNet
from data import SegmentationDataset


def train(args):
    dev = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    net = UNet(in_channels=3, n_classes=1).to(dev)
    opt = torch.optim.Adam(net.parameters(), lr=args.lr)
    loader = DataLoader(SegmentationDataset(args.root, split="train"), batch_size=args.bs,
                        shuffle=True, num_workers=4, pin_memory=True)
    loss_fn = nn.BCEWithLogitsLoss()
    os.makedirs(args.out, exist_ok=True)

    start = 0
    if args.resume:
        ckpt = torch.load(args.resume, map_location=dev)
        net.load_state_dict(ckpt["model"])
        opt.load_state_dict(ckpt["optim"])
        start = ckpt["epoch"] + 1

    for epoch in range(start, args.epochs):
        net.train()
        running = 0.0
        for img, mask in loader:
            img, mask = img.to(dev), mask.to(dev)
            opt.zero_grad()
            loss = loss_fn(net(img), mask)
            loss.backward()
            opt.step()
            running += loss.item()
        print(f"epoch {epoch}: loss {running / len(loader):.4f}")
        torch.save({"epoch": epoch, "model": net.state_dict(), "optim": opt.state_dict()},
                   os.path.join(args.out, "ckpt.pt"))

import argparse

import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import OneCycleLR
from torch.utils.data import DataLoader

from data import AudioTagDataset
from models import CNN14


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=40)
    ap.add_argument("--batch-size", type=int, default=48)
    ap.add_argument("--max-lr", type=float, default=1e-3)
    args = ap.parse_args()

    train_ds = AudioTagDataset("audioset_balanced.h5", train=True)
    train_dl = DataLoader(train_ds, batch_size=args.batch_size, shuffle=True, num_workers=8)
    net = CNN14(classes=527).cuda()
    opt = torch.optim.AdamW(net.parameters(), lr=args.max_lr, weight_decay=1e-4)
    sched = OneCycleLR(opt, args.max_lr, epochs=args.epochs, steps_per_epoch=len(train_ds) // args.batch_size)

    for epoch in range(args.epochs):
        net.train()
        for i, (wave, tags) in enumerate(train_dl):
            logits = net(wave.cuda())
            loss = F.binary_cross_entropy_with_logits(logits, tags.cuda().float())
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            if i % 100 == 0:
                print(f"ep {epoch} it {i} loss {loss.item():.4f} lr {sched.get_last_lr()[0]:.2e}")
        torch.save(net.state_dict(), f"cnn14_ep{epoch}.pt")


if __name__ == "__main__":
    main()

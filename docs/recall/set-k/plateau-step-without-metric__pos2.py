import argparse

import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import ReduceLROnPlateau
from torch.utils.data import DataLoader


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lr", type=float, default=2e-4)
    ap.add_argument("--epochs", type=int, default=50)
    ap.add_argument("--bs", type=int, default=16)
    ap.add_argument("--patience", type=int, default=10)
    args = ap.parse_args()

    from unet import UNet
    from data import CarvanaDataset

    net = UNet(n_channels=3, n_classes=1).cuda()
    loader = DataLoader(CarvanaDataset("data/imgs", "data/masks"), batch_size=args.bs, shuffle=True, num_workers=4)
    opt = torch.optim.RMSprop(net.parameters(), lr=args.lr, weight_decay=1e-8, momentum=0.9)
    plateau = ReduceLROnPlateau(opt, "min", patience=args.patience)

    for epoch in range(1, args.epochs + 1):
        net.train()
        epoch_loss = 0.0
        for batch_idx, (images, masks) in enumerate(loader):
            images, masks = images.cuda(), masks.cuda().float()
            pred = net(images)
            loss = F.binary_cross_entropy_with_logits(pred.squeeze(1), masks)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            opt.step()
            plateau.step(loss.item())
            epoch_loss += loss.item()
        print(f"epoch {epoch}: loss {epoch_loss / max(1, len(loader)):.4f} lr {opt.param_groups[0]['lr']:.2e}")


if __name__ == "__main__":
    main()

import argparse

import torch
from torch.optim.lr_scheduler import CosineAnnealingLR, LambdaLR
from torch.utils.data import DataLoader

from dataset import ImageFolderWithAug
from model import build_backbone


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=100)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--warmup-epochs", type=int, default=5)
    parser.add_argument("--batch-size", type=int, default=128)
    args = parser.parse_args()

    net = build_backbone("convnext_tiny", num_classes=200).cuda()
    loader = DataLoader(ImageFolderWithAug("data/train"), batch_size=args.batch_size,
                        shuffle=True, num_workers=8, drop_last=True)
    opt = torch.optim.AdamW(net.parameters(), lr=args.lr, weight_decay=0.05)

    n_warm = max(1, args.warmup_epochs)
    warm = LambdaLR(opt, lr_lambda=lambda e: min(1.0, (e + 1) / n_warm))
    cosine = CosineAnnealingLR(opt, T_max=args.epochs, eta_min=1e-6)
    loss_fn = torch.nn.CrossEntropyLoss(label_smoothing=0.1)

    for epoch in range(args.epochs):
        net.train()
        epoch_loss = 0.0
        for x, y in loader:
            x, y = x.cuda(non_blocking=True), y.cuda(non_blocking=True)
            opt.zero_grad()
            loss = loss_fn(net(x), y)
            loss.backward()
            opt.step()
            epoch_loss += loss.item()
        warm.step()
        cosine.step()
        print(f"epoch {epoch}: loss {epoch_loss / len(loader):.4f} lr {opt.param_groups[0]['lr']:.2e}")


if __name__ == "__main__":
    main()

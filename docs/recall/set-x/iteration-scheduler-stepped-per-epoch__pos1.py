import torch
from torch import nn
from torch.optim.lr_scheduler import OneCycleLR
from torch.utils.data import DataLoader

from dataset import SegDataset
from unet import UNet


def run(cfg):
    dev = torch.device("cuda")
    train_dl = DataLoader(SegDataset(cfg["root"], split="train"), batch_size=cfg["bs"],
                          shuffle=True, num_workers=8, drop_last=True)
    val_dl = DataLoader(SegDataset(cfg["root"], split="val"), batch_size=1, num_workers=2)

    net = UNet(in_ch=3, n_classes=cfg["n_classes"]).to(dev)
    opt = torch.optim.Adam(net.parameters(), lr=cfg["lr"], weight_decay=1e-5)
    sched = OneCycleLR(opt, max_lr=cfg["lr"], epochs=cfg["epochs"],
                       steps_per_epoch=len(train_dl), pct_start=0.3)
    loss_fn = nn.CrossEntropyLoss(ignore_index=255)

    for ep in range(cfg["epochs"]):
        net.train()
        tot = 0.0
        for img, mask in train_dl:
            img, mask = img.to(dev), mask.to(dev)
            opt.zero_grad()
            loss = loss_fn(net(img), mask)
            loss.backward()
            opt.step()
            tot += loss.item()
        sched.step()

        net.eval()
        inter = union = 0
        with torch.no_grad():
            for img, mask in val_dl:
                pred = net(img.to(dev)).argmax(1).cpu()
                inter += ((pred == 1) & (mask == 1)).sum().item()
                union += ((pred == 1) | (mask == 1)).sum().item()
        print(f"ep {ep} train_loss {tot / len(train_dl):.4f} iou {inter / max(union, 1):.3f}")


if __name__ == "__main__":
    run({"root": "data/", "bs": 16, "n_classes": 2, "lr": 3e-4, "epochs": 40})

import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import OneCycleLR


def train_one_epoch(net, loader, optimizer, lr_scheduler, epoch, print_freq=50):
    net.train()
    for i, (imgs, labels) in enumerate(loader):
        logits = net(imgs.cuda(non_blocking=True))
        loss = F.cross_entropy(logits, labels.cuda(non_blocking=True))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        lr_scheduler.step()
        if i % print_freq == 0:
            print(f"epoch {epoch} [{i}/{len(loader)}] loss {loss.item():.4f} "
                  f"lr {lr_scheduler.get_last_lr()[0]:.2e}")


def main(net, loader, cfg):
    optimizer = torch.optim.SGD(net.parameters(), lr=cfg["lr"], momentum=0.9,
                                weight_decay=cfg["wd"], nesterov=True)
    lr_scheduler = OneCycleLR(optimizer, max_lr=cfg["lr"], epochs=cfg["epochs"],
                              steps_per_epoch=len(loader))
    for epoch in range(cfg["epochs"]):
        train_one_epoch(net, loader, optimizer, lr_scheduler, epoch)
        torch.save({"net": net.state_dict(), "optimizer": optimizer.state_dict(),
                    "lr_scheduler": lr_scheduler.state_dict(), "epoch": epoch}, "last.pth")

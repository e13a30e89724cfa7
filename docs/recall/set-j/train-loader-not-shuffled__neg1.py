import torch
from torch.utils.data import DataLoader

from datasets import build_dataset


def build_loaders(cfg):
    train_set = build_dataset(cfg["data"], split="train", augment=True)
    val_set = build_dataset(cfg["data"], split="val", augment=False)
    train_loader = DataLoader(train_set, batch_size=cfg["batch_size"], shuffle=True,
                              num_workers=cfg["workers"], drop_last=True)
    val_loader = DataLoader(val_set, batch_size=cfg["batch_size"], shuffle=False,
                            num_workers=cfg["workers"])
    return train_loader, val_loader


def train(net, cfg, device="cuda"):
    train_loader, val_loader = build_loaders(cfg)
    net = net.to(device)
    opt = torch.optim.SGD(net.parameters(), lr=cfg["lr"], momentum=0.9, weight_decay=cfg["wd"])
    crit = torch.nn.CrossEntropyLoss()
    for epoch in range(cfg["epochs"]):
        net.train()
        for x, y in train_loader:
            x, y = x.to(device), y.to(device)
            opt.zero_grad()
            loss = crit(net(x), y)
            loss.backward()
            opt.step()

        net.eval()
        hits, total = 0, 0
        with torch.no_grad():
            for x, y in val_loader:
                hits += (net(x.to(device)).argmax(1).cpu() == y).sum().item()
                total += y.numel()
        print(f"epoch {epoch}: val acc {hits / total:.4f}")
    return net

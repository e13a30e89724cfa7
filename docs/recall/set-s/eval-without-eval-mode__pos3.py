import torch
import torch.nn as nn
from torch.utils.data import DataLoader


def run(cfg, net, train_set, test_set):
    dev = torch.device(cfg["device"])
    net = net.to(dev)
    train_dl = DataLoader(train_set, batch_size=cfg["bs"], shuffle=True, num_workers=4)
    test_dl = DataLoader(test_set, batch_size=cfg["bs"] * 2)
    opt = torch.optim.SGD(net.parameters(), lr=cfg["lr"], momentum=0.9)
    loss_fn = nn.CrossEntropyLoss()

    net.train()
    for ep in range(cfg["epochs"]):
        for xb, yb in train_dl:
            xb, yb = xb.to(dev), yb.to(dev)
            opt.zero_grad()
            loss_fn(net(xb), yb).backward()
            opt.step()

    correct = 0
    with torch.no_grad():
        for xb, yb in test_dl:
            correct += (net(xb.to(dev)).argmax(1) == yb.to(dev)).sum().item()
    acc = correct / len(test_set)
    print(f"test accuracy after {cfg['epochs']} epochs: {acc:.4f}")
    torch.save(net.state_dict(), cfg["out"])
    return acc

import torch
import torch.nn as nn
from torch.utils.data import DataLoader


def main(cfg, net, train_set, test_set):
    dev = torch.device(cfg["device"])
    train_loader = DataLoader(train_set, batch_size=cfg["bs"], shuffle=True, num_workers=4)
    test_loader = DataLoader(test_set, batch_size=512, num_workers=4)
    net = net.to(dev)
    opt = torch.optim.SGD(net.parameters(), lr=cfg["lr"], momentum=0.9, nesterov=True)
    crit = nn.CrossEntropyLoss()

    for epoch in range(cfg["epochs"]):
        net.train()
        for step, (x, y) in enumerate(train_loader):
            x, y = x.to(dev), y.to(dev)
            opt.zero_grad()
            crit(net(x), y).backward()
            opt.step()

        hits = 0
        with torch.inference_mode():
            for x, y in test_loader:
                hits += (net(x.to(dev)).argmax(-1) == y.to(dev)).sum().item()
        print(f"epoch {epoch}: test acc {hits / len(test_set):.4f}")

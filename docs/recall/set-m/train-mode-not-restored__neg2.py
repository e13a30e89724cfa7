import torch
import torch.nn as nn
from torch.utils.data import DataLoader


@torch.no_grad()
def evaluate(net, loader, device):
    was_training = net.training
    net.eval()
    hits, total = 0, 0
    for feats, labels in loader:
        feats, labels = feats.to(device), labels.to(device)
        hits += (net(feats).argmax(-1) == labels).sum().item()
        total += labels.size(0)
    net.train(was_training)
    return hits / max(total, 1)


def train(net, train_set, dev_set, hp):
    device = hp["device"]
    net.to(device)
    train_loader = DataLoader(train_set, batch_size=hp["bs"], shuffle=True, num_workers=2)
    dev_loader = DataLoader(dev_set, batch_size=hp["bs"], num_workers=2)
    opt = torch.optim.Adam(net.parameters(), lr=hp["lr"])
    loss_fn = nn.CrossEntropyLoss()

    net.train()
    for epoch in range(hp["epochs"]):
        for step, (feats, labels) in enumerate(train_loader):
            feats, labels = feats.to(device), labels.to(device)
            opt.zero_grad()
            loss = loss_fn(net(feats), labels)
            loss.backward()
            opt.step()
            if (step + 1) % hp["eval_every"] == 0:
                acc = evaluate(net, dev_loader, device)
                print(f"epoch {epoch} step {step + 1}: dev acc {acc:.4f}")
    return net

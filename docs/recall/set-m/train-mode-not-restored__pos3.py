import torch
import torch.nn as nn
from torch.utils.data import DataLoader


def evaluate(net, loader, device):
    net.eval()
    hits, total = 0, 0
    with torch.no_grad():
        for batch in loader:
            feats, labels = batch["feats"].to(device), batch["label"].to(device)
            hits += (net(feats).argmax(-1) == labels).sum().item()
            total += labels.size(0)
    return hits / max(total, 1)


def train(net, train_set, dev_set, hp):
    device = hp["device"]
    net.to(device)
    train_loader = DataLoader(train_set, batch_size=hp["bs"], shuffle=True, num_workers=2)
    dev_loader = DataLoader(dev_set, batch_size=hp["bs"], num_workers=2)
    opt = torch.optim.Adam(net.parameters(), lr=hp["lr"])
    loss_fn = nn.CrossEntropyLoss()
    best = 0.0

    net.train()
    for epoch in range(hp["epochs"]):
        for step, batch in enumerate(train_loader):
            feats, labels = batch["feats"].to(device), batch["label"].to(device)
            opt.zero_grad()
            loss = loss_fn(net(feats), labels)
            loss.backward()
            opt.step()
            if (step + 1) % hp["eval_every"] == 0:
                acc = evaluate(net, dev_loader, device)
                best = max(best, acc)
                print(f"epoch {epoch} step {step + 1}: dev acc {acc:.4f} (best {best:.4f})")
    return best

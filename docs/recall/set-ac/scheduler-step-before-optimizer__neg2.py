import torch
from torch.optim.lr_scheduler import MultiStepLR


def train_one_epoch(model, loader, optimizer, criterion):
    model.train()
    total = 0.0
    for images, labels in loader:
        optimizer.zero_grad()
        loss = criterion(model(images), labels)
        loss.backward()
        optimizer.step()
        total += loss.item()
    return total / len(loader)


@torch.no_grad()
def evaluate(model, loader):
    model.eval()
    correct = 0
    for images, labels in loader:
        correct += (model(images).argmax(1) == labels).sum().item()
    return correct / len(loader.dataset)


def main(model, train_loader, val_loader, cfg):
    optimizer = torch.optim.SGD(model.parameters(), lr=cfg.lr, momentum=0.9, weight_decay=1e-4)
    lr_scheduler = MultiStepLR(optimizer, milestones=cfg.milestones, gamma=0.1)
    criterion = torch.nn.CrossEntropyLoss()
    best = 0.0
    for epoch in range(cfg.epochs):
        loss = train_one_epoch(model, train_loader, optimizer, criterion)
        lr_scheduler.step()
        acc = evaluate(model, val_loader)
        if acc > best:
            best = acc
            torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(),
                        "lr_scheduler": lr_scheduler.state_dict(), "epoch": epoch}, "best.pth")
        print(f"epoch {epoch} loss {loss:.4f} acc {acc:.4f} best {best:.4f}")

import torch
from torch.optim.lr_scheduler import ReduceLROnPlateau


@torch.no_grad()
def evaluate(model, loader, device):
    model.eval()
    correct = total = 0
    for x, y in loader:
        pred = model(x.to(device)).argmax(dim=1)
        correct += (pred == y.to(device)).sum().item()
        total += y.numel()
    return correct / max(1, total)


def main(model, train_loader, val_loader, epochs=100, lr=0.01, device="cuda"):
    model.to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9)
    scheduler = ReduceLROnPlateau(optimizer, mode="max", factor=0.1, patience=5)
    for epoch in range(epochs):
        model.train()
        for x, y in train_loader:
            x, y = x.to(device), y.to(device)
            loss = torch.nn.functional.cross_entropy(model(x), y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        acc = evaluate(model, val_loader, device)
        scheduler.step(acc)
        print(f"epoch {epoch}: val acc {acc:.4f} lr {optimizer.param_groups[0]['lr']:.2e}")

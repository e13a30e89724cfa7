import os

import torch
import torch.nn.functional as F


def evaluate(model, loader, device):
    model.eval()
    correct, seen = 0, 0
    with torch.no_grad():
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            correct += (model(x).argmax(dim=1) == y).sum().item()
            seen += y.numel()
    model.train()
    return correct / max(seen, 1)


def save_best(model, acc, best_acc, out_dir):
    if acc > best_acc:
        torch.save(model.state_dict(), os.path.join(out_dir, "best_model.pt"))
        return acc
    return best_acc


def fit(model, train_loader, val_loader, epochs, out_dir, device="cuda"):
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    best = 0.0
    model.to(device)
    for epoch in range(epochs):
        model.train()
        running = 0.0
        for x, y in train_loader:
            x, y = x.to(device), y.to(device)
            opt.zero_grad()
            loss = F.cross_entropy(model(x), y)
            loss.backward()
            opt.step()
            running += loss.item()
        acc = evaluate(model, val_loader, device)
        best = save_best(model, acc, best, out_dir)
        print(f"epoch {epoch}: loss {running / len(train_loader):.4f} val_acc {acc:.4f} best {best:.4f}")
    return best

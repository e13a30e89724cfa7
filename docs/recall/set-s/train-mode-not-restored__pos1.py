import torch
import torch.nn as nn


def train(model, train_loader, val_loader, epochs, lr=1e-3, eval_every=500):
    device = next(model.parameters()).device
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    best_acc = 0.0
    it = 0

    model.train()
    for epoch in range(epochs):
        for x, y in train_loader:
            x, y = x.to(device), y.to(device)
            optimizer.zero_grad()
            loss = criterion(model(x), y)
            loss.backward()
            optimizer.step()
            it += 1

            if it % eval_every == 0:
                model.eval()
                correct = total = 0
                with torch.no_grad():
                    for vx, vy in val_loader:
                        pred = model(vx.to(device)).argmax(dim=1)
                        correct += (pred == vy.to(device)).sum().item()
                        total += vy.size(0)
                acc = correct / total
                print(f"iter {it}: loss {loss.item():.4f} val acc {acc:.4f}")
                if acc > best_acc:
                    best_acc = acc
                    torch.save(model.state_dict(), "best.pth")
    return best_acc

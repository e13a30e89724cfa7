import torch
from torch.optim.lr_scheduler import ReduceLROnPlateau


@torch.no_grad()
def evaluate(net, loader):
    net.eval()
    correct = total = 0
    for x, y in loader:
        pred = net(x.cuda()).argmax(dim=1)
        correct += (pred == y.cuda()).sum().item()
        total += y.numel()
    return correct / max(total, 1)


def fit(net, train_loader, val_loader, epochs=100, lr=1e-3):
    opt = torch.optim.Adam(net.parameters(), lr=lr)
    plateau = ReduceLROnPlateau(opt, mode="max", factor=0.5, patience=5, min_lr=1e-6, verbose=True)
    best = 0.0
    for epoch in range(epochs):
        net.train()
        for x, y in train_loader:
            loss = torch.nn.functional.cross_entropy(net(x.cuda()), y.cuda())
            opt.zero_grad()
            loss.backward()
            opt.step()
        val_acc = evaluate(net, val_loader)
        plateau.step(val_acc)
        if val_acc > best:
            best = val_acc
            torch.save(net.state_dict(), "best.pt")
        print(f"epoch {epoch}: val_acc={val_acc:.4f} best={best:.4f}")
    return best

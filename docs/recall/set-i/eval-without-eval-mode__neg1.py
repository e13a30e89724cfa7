import torch


@torch.no_grad()
def evaluate(model, loader, device):
    model.eval()
    tp = fp = fn = 0
    for x, y in loader:
        pred = model(x.to(device)).argmax(1)
        y = y.to(device)
        tp += ((pred == 1) & (y == 1)).sum().item()
        fp += ((pred == 1) & (y == 0)).sum().item()
        fn += ((pred == 0) & (y == 1)).sum().item()
    precision = tp / max(tp + fp, 1)
    recall = tp / max(tp + fn, 1)
    return 2 * precision * recall / max(precision + recall, 1e-8)


def train(model, train_loader, val_loader, opt, loss_fn, epochs, device="cuda"):
    for epoch in range(epochs):
        model.train()
        for x, y in train_loader:
            opt.zero_grad()
            loss = loss_fn(model(x.to(device)), y.to(device))
            loss.backward()
            opt.step()
        f1 = evaluate(model, val_loader, device)
        print(f"epoch {epoch}: F1 {f1:.4f}")

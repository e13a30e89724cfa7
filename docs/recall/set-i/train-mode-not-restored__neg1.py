import torch


@torch.no_grad()
def validate(net, loader, device):
    net.eval()
    hits = 0
    for x, y in loader:
        hits += (net(x.to(device)).argmax(-1) == y.to(device)).sum().item()
    net.train()
    return hits / len(loader.dataset)


def fit(net, train_loader, val_loader, opt, loss_fn, epochs, device="cuda", val_every=500):
    net.to(device).train()
    it = 0
    for epoch in range(epochs):
        for x, y in train_loader:
            x, y = x.to(device), y.to(device)
            opt.zero_grad()
            loss = loss_fn(net(x), y)
            loss.backward()
            opt.step()
            it += 1
            if it % val_every == 0:
                acc = validate(net, val_loader, device)
                print(f"iter {it}: val acc {acc:.4f}")
    return net

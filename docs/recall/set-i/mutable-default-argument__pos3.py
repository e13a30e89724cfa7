import torch


def train_one_epoch(net, loader, opt, loss_fn, device, history=[]):
    net.train()
    total, n = 0.0, 0
    for x, y in loader:
        x, y = x.to(device), y.to(device)
        opt.zero_grad()
        loss = loss_fn(net(x), y)
        loss.backward()
        opt.step()
        total += loss.item() * x.size(0)
        n += x.size(0)
    history.append(total / max(n, 1))
    return history


def run_experiment(make_net, loader, epochs, lr, device="cuda"):
    net = make_net().to(device)
    opt = torch.optim.Adam(net.parameters(), lr=lr)
    loss_fn = torch.nn.MSELoss()
    curve = None
    for _ in range(epochs):
        curve = train_one_epoch(net, loader, opt, loss_fn, device)
    return net, curve


def sweep(make_net, loader, lrs=(1e-2, 1e-3, 1e-4), epochs=10):
    results = {}
    for lr in lrs:
        _, curve = run_experiment(make_net, loader, epochs, lr)
        results[lr] = curve
    return results

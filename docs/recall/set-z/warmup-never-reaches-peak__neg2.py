import torch


def train(net, loader, args, device="cuda"):
    opt = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9, weight_decay=args.wd)
    n_warm = args.n_warm * len(loader)
    total = args.epochs * len(loader)
    net.to(device).train()
    it = 0
    for epoch in range(args.epochs):
        for x, y in loader:
            it += 1
            if it <= n_warm:
                lr = args.lr * it / n_warm
            else:
                lr = args.lr * max(0.0, 1.0 - (it - n_warm) / max(1, total - n_warm))
            for g in opt.param_groups:
                g["lr"] = lr
            x, y = x.to(device), y.to(device)
            loss = torch.nn.functional.cross_entropy(net(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
        print(f"epoch {epoch} it {it} lr {opt.param_groups[0]['lr']:.5f}")

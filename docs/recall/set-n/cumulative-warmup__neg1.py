import torch
import torch.nn as nn
from torch.utils.data import DataLoader


def train(net, train_set, args):
    loader = DataLoader(train_set, batch_size=args.batch_size, shuffle=True,
                        num_workers=args.workers, drop_last=True)
    opt = torch.optim.AdamW(net.parameters(), lr=args.lr, weight_decay=args.wd)
    for g in opt.param_groups:
        g.setdefault("initial_lr", g["lr"])
    criterion = nn.CrossEntropyLoss()
    n_warm = args.n_warm
    step = 0

    for epoch in range(args.epochs):
        net.train()
        for x, y in loader:
            if step < n_warm:
                factor = (step + 1) / n_warm
                for g in opt.param_groups:
                    g["lr"] = g["initial_lr"] * factor

            loss = criterion(net(x.cuda()), y.cuda())
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            step += 1

        print(f"epoch {epoch} step {step} lr {opt.param_groups[0]['lr']:.2e}")

import torch
import torch.nn as nn
from torch.utils.data import DataLoader


def train(model, dataset, epochs=50, lr=1e-3, warmup_iters=1000, batch_size=64):
    loader = DataLoader(dataset, batch_size=batch_size, shuffle=True,
                        num_workers=8, drop_last=True)
    optimizer = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.05)
    for g in optimizer.param_groups:
        g.setdefault("initial_lr", g["lr"])
    criterion = nn.CrossEntropyLoss()
    model.cuda().train()

    for epoch in range(epochs):
        for i, (imgs, targets) in enumerate(loader):
            it = epoch * len(loader) + i
            if it < warmup_iters:
                f = (it + 1) / warmup_iters
                for g in optimizer.param_groups:
                    g["lr"] = g["initial_lr"] * f

            imgs, targets = imgs.cuda(non_blocking=True), targets.cuda(non_blocking=True)
            loss = criterion(model(imgs), targets)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()

            if i % 100 == 0:
                print(f"ep {epoch} it {it} loss {loss.item():.4f} "
                      f"lr {optimizer.param_groups[0]['lr']:.2e}")
        torch.save(model.state_dict(), f"ckpt_{epoch:03d}.pt")
    return model

import torch
import torch.nn as nn


def train(model, loader, epochs, base_lr=0.02, warm_iters=500, device="cuda"):
    params = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.SGD(params, lr=base_lr, momentum=0.9, weight_decay=1e-4)
    criterion = nn.BCEWithLogitsLoss()
    model.to(device)
    for epoch in range(epochs):
        model.train()
        for it, (x, y) in enumerate(loader):
            if epoch == 0 and it < warm_iters:
                for g in opt.param_groups:
                    g["lr"] = g["lr"] * (it + 1) / warm_iters
            x, y = x.to(device), y.to(device).float()
            logits = model(x)
            loss = criterion(logits, y)
            opt.zero_grad()
            loss.backward()
            opt.step()
            if it % 100 == 0:
                lr_now = opt.param_groups[0]["lr"]
                print(f"epoch {epoch} it {it} loss {loss.item():.4f} lr {lr_now:.2e}")
        torch.save(model.state_dict(), f"ckpt_{epoch}.pt")

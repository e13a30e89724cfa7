import torch
from torch import nn


def train(model, train_loader, val_loader, max_steps, eval_every=1000, lr=1e-3, device="cuda"):
    model.to(device)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    crit = nn.CrossEntropyLoss()
    step = 0
    model.train()
    while step < max_steps:
        for x, y in train_loader:
            x, y = x.to(device), y.to(device)
            opt.zero_grad()
            loss = crit(model(x), y)
            loss.backward()
            opt.step()
            step += 1

            if step % eval_every == 0:
                model.eval()
                correct = total = 0
                with torch.no_grad():
                    for vx, vy in val_loader:
                        pred = model(vx.to(device)).argmax(dim=1)
                        correct += (pred == vy.to(device)).sum().item()
                        total += vy.numel()
                print(f"step {step}: loss {loss.item():.4f} val acc {correct / total:.4f}")
            if step >= max_steps:
                break
    return model

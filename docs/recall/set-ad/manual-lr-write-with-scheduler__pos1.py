import math

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import LambdaLR


def cosine_factor(total):
    def f(it):
        t = min(it, total) / total
        return 0.5 * (1.0 + math.cos(math.pi * t))
    return f


def train(net, train_loader, val_loader, epochs=100, lr=0.05, patience=5, device="cuda"):
    net.to(device)
    opt = torch.optim.SGD(net.parameters(), lr=lr, momentum=0.9, weight_decay=1e-4)
    total = max(1, epochs * len(train_loader))
    lr_sched = LambdaLR(opt, lr_lambda=cosine_factor(total))
    crit = nn.CrossEntropyLoss()

    best_val, bad_epochs = float("inf"), 0
    for epoch in range(epochs):
        net.train()
        for inputs, labels in train_loader:
            inputs, labels = inputs.to(device), labels.to(device)
            opt.zero_grad()
            loss = crit(net(inputs), labels)
            loss.backward()
            opt.step()
            lr_sched.step()

        net.eval()
        val_loss, count = 0.0, 0
        with torch.no_grad():
            for inputs, labels in val_loader:
                out = net(inputs.to(device))
                val_loss += crit(out, labels.to(device)).item() * labels.size(0)
                count += labels.size(0)
        val_loss /= count

        if val_loss < best_val - 1e-4:
            best_val, bad_epochs = val_loss, 0
        else:
            bad_epochs += 1
            if bad_epochs >= patience:
                for g in opt.param_groups:
                    g["lr"] = g["lr"] * 0.1
                bad_epochs = 0
        print(f"epoch {epoch}: val {val_loss:.4f} lr {opt.param_groups[0]['lr']:.2e}")
    return net

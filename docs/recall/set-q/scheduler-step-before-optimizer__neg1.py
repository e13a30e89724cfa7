import torch
import torch.nn as nn
from torch.optim.lr_scheduler import OneCycleLR


def train(net, train_loader, epochs=30, max_lr=0.1):
    opt = torch.optim.SGD(net.parameters(), lr=max_lr / 25, momentum=0.9, nesterov=True, weight_decay=5e-4)
    sched = OneCycleLR(opt, max_lr=max_lr, epochs=epochs, steps_per_epoch=len(train_loader), pct_start=0.25)
    crit = nn.CrossEntropyLoss()
    for epoch in range(epochs):
        net.train()
        seen, correct = 0, 0
        for i, (x, y) in enumerate(train_loader):
            opt.zero_grad()
            logits = net(x)
            loss = crit(logits, y)
            loss.backward()
            nn.utils.clip_grad_norm_(net.parameters(), 5.0)
            opt.step()
            sched.step()
            seen += y.size(0)
            correct += (logits.argmax(dim=1) == y).sum().item()
        print(f"epoch {epoch}: train acc {correct / max(1, seen):.4f}")

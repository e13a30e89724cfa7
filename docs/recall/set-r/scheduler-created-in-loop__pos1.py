import torch
import torch.nn as nn
from torch.optim.lr_scheduler import StepLR


def train(net, loader, epochs=90, lr=0.1, device="cuda"):
    net = net.to(device)
    opt = torch.optim.SGD(net.parameters(), lr=lr, momentum=0.9, weight_decay=1e-4)
    crit = nn.CrossEntropyLoss()

    for epoch in range(epochs):
        sched = StepLR(opt, step_size=30, gamma=0.1)
        net.train()
        total, correct, loss_sum = 0, 0, 0.0
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            opt.zero_grad()
            out = net(x)
            loss = crit(out, y)
            loss.backward()
            opt.step()
            loss_sum += loss.item() * y.size(0)
            correct += (out.argmax(1) == y).sum().item()
            total += y.size(0)
        sched.step()
        print(f"epoch {epoch}: loss {loss_sum / total:.4f} acc {correct / total:.3f} "
              f"lr {sched.get_last_lr()[0]:.4f}")
    return net

import torch
from torch import nn
from torch.optim.lr_scheduler import OneCycleLR
from torch.utils.data import DataLoader


def train(net: nn.Module, train_set, epochs=30, max_lr=0.1, bs=128, device="cuda"):
    loader = DataLoader(train_set, batch_size=bs, shuffle=True, num_workers=4, pin_memory=True)
    opt = torch.optim.SGD(net.parameters(), lr=max_lr / 25, momentum=0.9, weight_decay=5e-4, nesterov=True)
    lr_sched = OneCycleLR(opt, max_lr=max_lr, epochs=epochs, steps_per_epoch=len(loader), pct_start=0.25)
    crit = nn.CrossEntropyLoss(label_smoothing=0.1)
    net.to(device)
    for ep in range(epochs):
        net.train()
        n, correct, tot_loss = 0, 0, 0.0
        for x, y in loader:
            x, y = x.to(device, non_blocking=True), y.to(device, non_blocking=True)
            out = net(x)
            loss = crit(out, y)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            lr_sched.step()
            opt.step()
            n += y.size(0)
            correct += (out.argmax(1) == y).sum().item()
            tot_loss += loss.item() * y.size(0)
        print(f"ep {ep:02d} loss {tot_loss / n:.4f} acc {correct / n:.4f} lr {lr_sched.get_last_lr()[0]:.4f}")
    return net

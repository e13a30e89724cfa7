import torch
from torch import nn
from torch.optim.lr_scheduler import OneCycleLR
from torch.utils.data import DataLoader


def train(net: nn.Module, train_set, epochs=30, max_lr=0.1, bs=128, device="cuda"):
    loader = DataLoader(train_set, batch_size=bs, shuffle=True, num_workers=8,
                        pin_memory=True, drop_last=True)
    net.to(device)
    opt = torch.optim.SGD(net.parameters(), lr=max_lr / 25, momentum=0.9,
                          weight_decay=5e-4, nesterov=True)
    sched = OneCycleLR(opt, max_lr=max_lr, epochs=epochs, steps_per_epoch=len(loader))
    crit = nn.CrossEntropyLoss(label_smoothing=0.1)

    for epoch in range(epochs):
        net.train()
        n_correct, n_seen, loss_sum = 0, 0, 0.0
        for step, (x, y) in enumerate(loader):
            x, y = x.to(device, non_blocking=True), y.to(device, non_blocking=True)
            opt.zero_grad(set_to_none=True)
            logits = net(x)
            loss = crit(logits, y)
            loss.backward()
            nn.utils.clip_grad_norm_(net.parameters(), 5.0)
            sched.step()
            opt.step()

            loss_sum += loss.item() * y.size(0)
            n_correct += (logits.argmax(dim=1) == y).sum().item()
            n_seen += y.size(0)
        print(f"epoch {epoch + 1}/{epochs} loss {loss_sum / n_seen:.4f} "
              f"acc {n_correct / n_seen:.4f} lr {sched.get_last_lr()[0]:.5f}")
    return net

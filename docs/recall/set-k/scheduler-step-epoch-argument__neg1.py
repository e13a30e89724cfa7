import torch
import torch.nn as nn
from timm.scheduler import CosineLRScheduler


def train_one_epoch(net, loader, opt, lr_scheduler, epoch, crit):
    net.train()
    num_updates = epoch * len(loader)
    for x, y in loader:
        x, y = x.cuda(non_blocking=True), y.cuda(non_blocking=True)
        loss = crit(net(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        num_updates += 1
        lr_scheduler.step_update(num_updates=num_updates)
    return loss.item()


def main(net, loader, epochs=300, lr=1e-3, warmup_epochs=5):
    net = net.cuda()
    opt = torch.optim.AdamW(net.parameters(), lr=lr, weight_decay=0.05)
    lr_scheduler = CosineLRScheduler(
        opt,
        t_initial=epochs,
        lr_min=1e-5,
        warmup_t=warmup_epochs,
        warmup_lr_init=1e-6,
        t_in_epochs=True,
    )
    crit = nn.CrossEntropyLoss(label_smoothing=0.1)
    for epoch in range(epochs):
        last = train_one_epoch(net, loader, opt, lr_scheduler, epoch, crit)
        lr_scheduler.step(epoch + 1)
        print(f"epoch {epoch}: loss {last:.4f}, lr {opt.param_groups[0]['lr']:.2e}")
    return net

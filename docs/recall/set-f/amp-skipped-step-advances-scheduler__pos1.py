import torch
import torch.nn as nn
from torch.cuda.amp import GradScaler, autocast
from torch.optim.lr_scheduler import OneCycleLR
from torch.utils.data import DataLoader


def fit(net, train_set, epochs=30, max_lr=0.4, bs=512):
    loader = DataLoader(train_set, batch_size=bs, shuffle=True, num_workers=8, drop_last=True)
    opt = torch.optim.SGD(net.parameters(), lr=max_lr, momentum=0.9, nesterov=True, weight_decay=5e-4)
    sched = OneCycleLR(opt, max_lr=max_lr, epochs=epochs, steps_per_epoch=len(loader), pct_start=0.25)
    scaler = GradScaler()
    loss_fn = nn.CrossEntropyLoss(label_smoothing=0.1)

    for epoch in range(epochs):
        net.train()
        for x, y in loader:
            x, y = x.cuda(non_blocking=True), y.cuda(non_blocking=True)
            opt.zero_grad(set_to_none=True)
            with autocast():
                loss = loss_fn(net(x), y)
            scaler.scale(loss).backward()
            scaler.step(opt)
            scaler.update()
            sched.step()
        print(f"epoch {epoch}: lr {sched.get_last_lr()[0]:.5f} loss {loss.item():.4f}")
    return net

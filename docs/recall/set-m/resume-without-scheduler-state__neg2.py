import os

import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import OneCycleLR
from torch.utils.data import DataLoader


def save_state(path, objects, **extra):
    payload = {name: obj.state_dict() for name, obj in objects.items()}
    payload.update(extra)
    torch.save(payload, path)


def load_state(path, objects, device):
    payload = torch.load(path, map_location=device)
    for name, obj in objects.items():
        obj.load_state_dict(payload[name])
    return payload.get("epoch", -1) + 1


def run(net, train_ds, opts):
    device = torch.device(opts.device)
    net.to(device)
    loader = DataLoader(train_ds, batch_size=opts.batch_size, shuffle=True, num_workers=4)
    opt = torch.optim.Adam(net.parameters(), lr=opts.lr)
    lr_sched = OneCycleLR(opt, max_lr=opts.lr, epochs=opts.epochs,
                          steps_per_epoch=len(loader))
    tracked = {"net": net, "opt": opt, "lr_sched": lr_sched}

    start = 0
    if opts.resume:
        start = load_state(opts.resume, tracked, device)

    for epoch in range(start, opts.epochs):
        net.train()
        for i, (x, y) in enumerate(loader):
            x, y = x.to(device), y.to(device)
            opt.zero_grad(set_to_none=True)
            loss = F.nll_loss(net(x), y)
            loss.backward()
            opt.step()
            lr_sched.step()
            if i % opts.log_every == 0:
                print(f"[{epoch}:{i}] loss={loss.item():.4f} lr={lr_sched.get_last_lr()[0]:.2e}")
        save_state(os.path.join(opts.out, "last.ckpt"), tracked, epoch=epoch)

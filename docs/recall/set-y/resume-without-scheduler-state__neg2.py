import os

import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import OneCycleLR


def save_state(path, step, net, opt, lr_sched):
    payload = {
        "step": step,
        "net": net.state_dict(),
        "opt": opt.state_dict(),
        "lr_scheduler": lr_sched.state_dict(),
    }
    tmp = path + ".tmp"
    torch.save(payload, tmp)
    os.replace(tmp, path)


def load_state(path, net, opt, lr_sched):
    ckpt = torch.load(path, map_location="cpu")
    net.load_state_dict(ckpt["net"])
    opt.load_state_dict(ckpt["opt"])
    if "lr_scheduler" in ckpt:
        lr_sched.load_state_dict(ckpt["lr_scheduler"])
    return ckpt["step"]


def build(net, steps_per_epoch, epochs, max_lr=3e-3):
    opt = torch.optim.AdamW(net.parameters(), lr=max_lr / 25, weight_decay=0.05)
    lr_sched = OneCycleLR(opt, max_lr=max_lr, epochs=epochs, steps_per_epoch=steps_per_epoch)
    return opt, lr_sched


def train(net, loader, epochs, resume=None, out="ckpt/last.pt"):
    opt, lr_sched = build(net, len(loader), epochs)
    step = load_state(resume, net, opt, lr_sched) if resume else 0
    start_epoch = step // len(loader)
    for epoch in range(start_epoch, epochs):
        net.train()
        for x, y in loader:
            x, y = x.cuda(), y.cuda()
            loss = F.cross_entropy(net(x), y)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            lr_sched.step()
            step += 1
        print(f"epoch {epoch} done, lr={lr_sched.get_last_lr()[0]:.2e}")
        save_state(out, step, net, opt, lr_sched)
    return net

import os

import torch
import torch.distributed as dist


def unwrap(net):
    return net.module if hasattr(net, "module") else net


def save_checkpoint(net, opt, epoch, out_dir, name="checkpoint.pth"):
    if dist.is_initialized() and dist.get_rank() != 0:
        return
    os.makedirs(out_dir, exist_ok=True)
    torch.save({
        "epoch": epoch,
        "state_dict": unwrap(net).state_dict(),
        "optimizer": opt.state_dict(),
    }, os.path.join(out_dir, name))


def load_checkpoint(net, opt, path):
    ckpt = torch.load(path, map_location="cpu")
    unwrap(net).load_state_dict(ckpt["state_dict"])
    opt.load_state_dict(ckpt["optimizer"])
    return ckpt["epoch"] + 1


def fit(net, loader, opt, loss_fn, device, epochs, out_dir, resume=None):
    start = load_checkpoint(net, opt, resume) if resume else 0
    for epoch in range(start, epochs):
        if hasattr(loader.sampler, "set_epoch"):
            loader.sampler.set_epoch(epoch)
        net.train()
        for inputs, targets in loader:
            inputs, targets = inputs.to(device, non_blocking=True), targets.to(device, non_blocking=True)
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(net(inputs), targets)
            loss.backward()
            opt.step()
        save_checkpoint(net, opt, epoch, out_dir)

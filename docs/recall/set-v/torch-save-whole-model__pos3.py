import os

import torch
import torch.distributed as dist


def is_main_process():
    return not dist.is_initialized() or dist.get_rank() == 0


def save_on_master(net, out_dir, name):
    if not is_main_process():
        return
    to_save = net.module if hasattr(net, "module") else net
    os.makedirs(out_dir, exist_ok=True)
    torch.save(to_save, os.path.join(out_dir, name))


def train_one_epoch(net, loader, opt, loss_fn, device):
    net.train()
    seen, loss_sum = 0, 0.0
    for inputs, targets in loader:
        inputs, targets = inputs.to(device, non_blocking=True), targets.to(device, non_blocking=True)
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(net(inputs), targets)
        loss.backward()
        opt.step()
        loss_sum += loss.item() * inputs.size(0)
        seen += inputs.size(0)
    return loss_sum / max(seen, 1)


def fit(net, loader, opt, loss_fn, device, epochs, out_dir):
    for epoch in range(epochs):
        if hasattr(loader.sampler, "set_epoch"):
            loader.sampler.set_epoch(epoch)
        avg = train_one_epoch(net, loader, opt, loss_fn, device)
        if is_main_process():
            print(f"epoch {epoch}: {avg:.4f}")
        save_on_master(net, out_dir, "model_final.pth")

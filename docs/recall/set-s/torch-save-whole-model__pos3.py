import shutil
from copy import deepcopy
from pathlib import Path

import torch


def de_parallel(net):
    return net.module if isinstance(net, torch.nn.parallel.DistributedDataParallel) else net


def save_run(save_dir, epoch, net, opt, best_fitness, fitness):
    save_dir = Path(save_dir)
    ckpt = {
        "epoch": epoch,
        "best_fitness": best_fitness,
        "model": deepcopy(de_parallel(net)).half(),
        "optimizer": opt.state_dict(),
    }
    torch.save(ckpt, save_dir / "last.pt")
    if fitness >= best_fitness:
        shutil.copyfile(save_dir / "last.pt", save_dir / "best.pt")


def train(net, opt, loader, compute_loss, validate, epochs, save_dir):
    best_fitness = 0.0
    for epoch in range(epochs):
        net.train()
        for imgs, targets in loader:
            imgs = imgs.cuda(non_blocking=True).float() / 255
            loss = compute_loss(net(imgs), targets.cuda())
            opt.zero_grad()
            loss.backward()
            opt.step()
        fitness = validate(net)
        best_fitness = max(best_fitness, fitness)
        save_run(save_dir, epoch, net, opt, best_fitness, fitness)

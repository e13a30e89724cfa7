import os

import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import LambdaLR
from torch.utils.data import DataLoader


def save_checkpoint(path, model, optimizer, step, best_metric):
    torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(),
                "step": step, "best": best_metric}, path)


def next_batch(it, loader):
    try:
        return it, next(it)
    except StopIteration:
        it = iter(loader)
        return it, next(it)


def train(net, dataset, hp):
    dev = hp["device"]
    loader = DataLoader(dataset, batch_size=hp["batch_size"], shuffle=True,
                        num_workers=4, drop_last=True)
    opt = torch.optim.AdamW(net.parameters(), lr=hp["lr"], weight_decay=hp["wd"])
    ramp = max(1, hp["ramp"])
    lr_sched = LambdaLR(opt, lambda s: min(1.0, (s + 1) / ramp))

    step, best = 0, float("inf")
    data_iter = iter(loader)
    net.train()
    while step < hp["max_steps"]:
        data_iter, (inputs, labels) = next_batch(data_iter, loader)
        inputs, labels = inputs.to(dev), labels.to(dev)
        opt.zero_grad(set_to_none=True)
        loss = F.smooth_l1_loss(net(inputs), labels)
        loss.backward()
        opt.step()
        lr_sched.step()
        step += 1
        best = min(best, loss.item())
        if step % hp["save_every"] == 0:
            save_checkpoint(os.path.join(hp["out"], "last.pt"), net, opt, step, best)
    return net

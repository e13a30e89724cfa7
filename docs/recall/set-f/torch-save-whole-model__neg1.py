import os

import torch
import torch.nn as nn


def unwrap(m):
    if isinstance(m, (nn.DataParallel, nn.parallel.DistributedDataParallel)):
        return m.module
    return m


def save_weights(net, epoch, work_dir):
    os.makedirs(work_dir, exist_ok=True)
    path = os.path.join(work_dir, f"weights_{epoch:03d}.pth")
    torch.save(unwrap(net).state_dict(), path)
    return path


def load_weights(net, path, device="cpu"):
    state = torch.load(path, map_location=device)
    unwrap(net).load_state_dict(state)
    return net

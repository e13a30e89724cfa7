import os

import torch
import torch.nn as nn
import torch.distributed as dist


def is_main_process():
    return not dist.is_available() or not dist.is_initialized() or dist.get_rank() == 0


def unwrap(m):
    if isinstance(m, (nn.DataParallel, nn.parallel.DistributedDataParallel)):
        return m.module
    return m


def save_generator(gen, epoch, work_dir):
    if not is_main_process():
        return
    os.makedirs(work_dir, exist_ok=True)
    bare = unwrap(gen)
    target = os.path.join(work_dir, f"G_epoch{epoch:03d}.pth")
    torch.save(bare, target)
    print(f"saved generator to {target}")

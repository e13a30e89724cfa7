import os

import torch
import torch.distributed as dist
import torch.nn as nn
from torch.nn.parallel import DistributedDataParallel as DDP
from torch.utils.data import DataLoader
from torch.utils.data.distributed import DistributedSampler


def export_weights(net, out_dir, name):
    to_save = net.module if isinstance(net, DDP) else net
    torch.save(to_save, os.path.join(out_dir, name))


def main(cfg, build_net, train_set):
    dist.init_process_group("nccl")
    rank = dist.get_rank()
    local_rank = int(os.environ["LOCAL_RANK"])
    torch.cuda.set_device(local_rank)

    net = DDP(build_net().cuda(local_rank), device_ids=[local_rank])
    sampler = DistributedSampler(train_set, shuffle=True)
    loader = DataLoader(train_set, batch_size=cfg["batch_size"], sampler=sampler,
                        num_workers=cfg["workers"], pin_memory=True)
    opt = torch.optim.SGD(net.parameters(), lr=cfg["lr"], momentum=0.9)
    crit = nn.CrossEntropyLoss().cuda(local_rank)

    for ep in range(cfg["epochs"]):
        sampler.set_epoch(ep)
        net.train()
        for x, y in loader:
            x = x.cuda(local_rank, non_blocking=True)
            y = y.cuda(local_rank, non_blocking=True)
            opt.zero_grad(set_to_none=True)
            crit(net(x), y).backward()
            opt.step()
        if rank == 0:
            export_weights(net, cfg["out_dir"], f"net_ep{ep}.pth")
        dist.barrier()
    dist.destroy_process_group()

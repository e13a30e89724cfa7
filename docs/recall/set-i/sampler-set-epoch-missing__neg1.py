import os

import torch
import torch.distributed as dist
from torch.nn.parallel import DistributedDataParallel as DDP
from torch.utils.data import DataLoader
from torch.utils.data.distributed import DistributedSampler


def worker(net, train_set, epochs=50, batch_size=32, lr=0.05):
    dist.init_process_group("nccl")
    rank = int(os.environ["LOCAL_RANK"])
    torch.cuda.set_device(rank)
    train_sampler = DistributedSampler(train_set, shuffle=True)
    train_loader = DataLoader(train_set, batch_size=batch_size, sampler=train_sampler, num_workers=4)
    net = DDP(net.cuda(rank), device_ids=[rank])
    opt = torch.optim.SGD(net.parameters(), lr=lr, momentum=0.9)

    for epoch in range(epochs):
        train_sampler.set_epoch(epoch)
        net.train()
        for x, y in train_loader:
            x, y = x.cuda(rank, non_blocking=True), y.cuda(rank, non_blocking=True)
            opt.zero_grad()
            loss = torch.nn.functional.cross_entropy(net(x), y)
            loss.backward()
            opt.step()
        if rank == 0:
            torch.save(net.module.state_dict(), "last.pt")
    dist.destroy_process_group()

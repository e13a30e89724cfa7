import os

import torch
import torch.distributed as dist
from torch.nn.parallel import DistributedDataParallel as DDP
from torch.utils.data import DataLoader
from torch.utils.data.distributed import DistributedSampler


def run(rank, world_size, make_dataset, make_model, hp):
    os.environ.setdefault("MASTER_ADDR", "localhost")
    os.environ.setdefault("MASTER_PORT", "29500")
    dist.init_process_group("nccl", rank=rank, world_size=world_size)
    torch.cuda.set_device(rank)

    ds = make_dataset(split="train")
    dsampler = DistributedSampler(ds, num_replicas=world_size, rank=rank, seed=hp["seed"])
    dl = DataLoader(ds, batch_size=hp["per_gpu_bs"], sampler=dsampler, num_workers=2, drop_last=True)

    net = DDP(make_model().to(rank), device_ids=[rank])
    opt = torch.optim.Adam(net.parameters(), lr=hp["lr"])
    crit = torch.nn.MSELoss()

    epoch = 0
    while epoch < hp["epochs"]:
        net.train()
        for inputs, targets in dl:
            inputs, targets = inputs.to(rank), targets.to(rank)
            opt.zero_grad()
            loss = crit(net(inputs), targets)
            loss.backward()
            opt.step()
        if rank == 0:
            torch.save(net.module.state_dict(), os.path.join(hp["out"], "latest.pt"))
        epoch += 1

    dist.destroy_process_group()

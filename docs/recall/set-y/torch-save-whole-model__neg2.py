import os

import torch
import torch.distributed as dist
import torch.nn as nn
from torch.nn.parallel import DistributedDataParallel as DDP
from torch.utils.data import DataLoader
from torch.utils.data.distributed import DistributedSampler


def save_weights(model, opt, epoch, path):
    unwrapped = model.module if isinstance(model, DDP) else model
    torch.save({"epoch": epoch,
                "model": unwrapped.state_dict(),
                "opt": opt.state_dict()}, path)


def train(build_model, dataset, epochs, out_dir, lr=1e-3, batch_size=32):
    dist.init_process_group("nccl")
    local_rank = int(os.environ["LOCAL_RANK"])
    torch.cuda.set_device(local_rank)

    model = DDP(build_model().cuda(local_rank), device_ids=[local_rank])
    sampler = DistributedSampler(dataset)
    loader = DataLoader(dataset, batch_size=batch_size, sampler=sampler, num_workers=4)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = nn.BCEWithLogitsLoss()

    for epoch in range(epochs):
        sampler.set_epoch(epoch)
        model.train()
        for x, y in loader:
            x, y = x.cuda(local_rank), y.cuda(local_rank)
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(x), y)
            loss.backward()
            opt.step()
        if dist.get_rank() == 0:
            os.makedirs(out_dir, exist_ok=True)
            save_weights(model, opt, epoch, os.path.join(out_dir, "last.pt"))
    dist.destroy_process_group()

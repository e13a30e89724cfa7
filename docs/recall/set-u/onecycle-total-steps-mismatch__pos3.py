import os

import torch
import torch.distributed as dist
import torch.nn.functional as F
from torch.nn.parallel import DistributedDataParallel as DDP
from torch.optim.lr_scheduler import OneCycleLR
from torch.utils.data import DataLoader
from torch.utils.data.distributed import DistributedSampler


def train(cfg, net, train_ds):
    dist.init_process_group("nccl")
    rank, world_size = dist.get_rank(), dist.get_world_size()
    torch.cuda.set_device(int(os.environ["LOCAL_RANK"]))
    net = DDP(net.cuda(), device_ids=[torch.cuda.current_device()])

    sampler = DistributedSampler(train_ds, shuffle=True)
    loader = DataLoader(train_ds, batch_size=cfg.batch_size, sampler=sampler, num_workers=6, pin_memory=True)
    opt = torch.optim.SGD(net.parameters(), lr=cfg.lr, momentum=0.9, weight_decay=cfg.wd)
    total_steps = cfg.epochs * (len(train_ds) // (cfg.batch_size * world_size))
    lr_sched = OneCycleLR(opt, max_lr=cfg.lr, total_steps=total_steps, pct_start=0.25)

    for epoch in range(cfg.epochs):
        sampler.set_epoch(epoch)
        net.train()
        for pts, seg in loader:
            pts, seg = pts.cuda(non_blocking=True), seg.cuda(non_blocking=True)
            loss = F.cross_entropy(net(pts), seg, ignore_index=-1)
            opt.zero_grad()
            loss.backward()
            opt.step()
            lr_sched.step()
        if rank == 0:
            print(f"epoch {epoch} loss {loss.item():.4f} lr {lr_sched.get_last_lr()[0]:.5f}")
            torch.save(net.module.state_dict(), os.path.join(cfg.out_dir, "model_last.pth"))
    dist.destroy_process_group()

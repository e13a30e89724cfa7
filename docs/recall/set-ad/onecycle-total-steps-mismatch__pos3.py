import os

import torch
import torch.distributed as dist
from torch.nn.parallel import DistributedDataParallel as DDP
from torch.optim.lr_scheduler import OneCycleLR
from torch.utils.data import DataLoader, DistributedSampler

from lidar.data import SemanticKITTI
from lidar.models import MinkUNet


def main(args):
    dist.init_process_group("nccl")
    rank, world = dist.get_rank(), dist.get_world_size()
    local_rank = int(os.environ["LOCAL_RANK"])
    torch.cuda.set_device(local_rank)

    dataset = SemanticKITTI(args.root, split="train")
    sampler = DistributedSampler(dataset, num_replicas=world, rank=rank, shuffle=True)
    loader = DataLoader(dataset, batch_size=args.batch_size, sampler=sampler,
                        num_workers=4, collate_fn=dataset.collate)

    net = DDP(MinkUNet(num_classes=19).cuda(), device_ids=[local_rank])
    opt = torch.optim.AdamW(net.parameters(), lr=args.lr, weight_decay=1e-2)
    iters_per_epoch = len(dataset) // (args.batch_size * world)
    lr_sched = OneCycleLR(opt, max_lr=args.lr, epochs=args.epochs,
                          steps_per_epoch=iters_per_epoch, pct_start=0.05)
    crit = torch.nn.CrossEntropyLoss(ignore_index=255)

    for epoch in range(args.epochs):
        sampler.set_epoch(epoch)
        net.train()
        for it, (coords, feats, labels) in enumerate(loader):
            out = net(coords.cuda(), feats.cuda())
            loss = crit(out, labels.cuda())
            opt.zero_grad()
            loss.backward()
            opt.step()
            lr_sched.step()
            if rank == 0 and it % 20 == 0:
                print(f"epoch {epoch} iter {it} loss {loss.item():.4f} lr {lr_sched.get_last_lr()[0]:.2e}")
        if rank == 0:
            torch.save({"model": net.module.state_dict(), "opt": opt.state_dict(),
                        "sched": lr_sched.state_dict(), "epoch": epoch}, args.ckpt)
    dist.destroy_process_group()

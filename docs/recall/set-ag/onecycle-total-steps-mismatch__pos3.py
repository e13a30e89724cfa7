import os

import torch
import torch.distributed as dist
import torch.nn.functional as F
from torch.nn.parallel import DistributedDataParallel as DDP
from torch.optim.lr_scheduler import OneCycleLR
from torch.utils.data import DataLoader
from torch.utils.data.distributed import DistributedSampler

from models import ConvNeXtSmall
from data import build_train_set


def main(args):
    dist.init_process_group("nccl")
    rank, world_size = dist.get_rank(), dist.get_world_size()
    local_rank = int(os.environ["LOCAL_RANK"])
    torch.cuda.set_device(local_rank)

    dataset = build_train_set(args.data)
    sampler = DistributedSampler(dataset, num_replicas=world_size, rank=rank, shuffle=True)
    loader = DataLoader(dataset, batch_size=args.batch_size, sampler=sampler,
                        num_workers=8, pin_memory=True)
    net = DDP(ConvNeXtSmall(num_classes=args.num_classes).cuda(), device_ids=[local_rank])
    opt = torch.optim.SGD(net.parameters(), lr=args.max_lr, momentum=0.9, weight_decay=5e-5)
    iters_per_epoch = len(dataset) // (args.batch_size * world_size)
    sched = OneCycleLR(opt, max_lr=args.max_lr, epochs=args.epochs,
                       steps_per_epoch=iters_per_epoch)

    for epoch in range(args.epochs):
        sampler.set_epoch(epoch)
        net.train()
        for images, labels in loader:
            images, labels = images.cuda(non_blocking=True), labels.cuda(non_blocking=True)
            loss = F.cross_entropy(net(images), labels)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            sched.step()
        if rank == 0:
            print(f"epoch {epoch} loss {loss.item():.4f} lr {sched.get_last_lr()[0]:.3e}")
            torch.save(net.module.state_dict(), f"{args.out}/convnext_s.pth")
    dist.destroy_process_group()

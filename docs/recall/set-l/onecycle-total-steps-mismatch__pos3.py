import os

import torch
import torch.distributed as dist
from torch.nn.parallel import DistributedDataParallel as DDP
from torch.optim.lr_scheduler import OneCycleLR
from torch.utils.data import DataLoader
from torch.utils.data.distributed import DistributedSampler

from dataset import build_train_set
from model import build_model


def main(args):
    dist.init_process_group("nccl")
    rank = dist.get_rank()
    world_size = dist.get_world_size()
    local_rank = int(os.environ["LOCAL_RANK"])
    torch.cuda.set_device(local_rank)

    dataset = build_train_set(args.data_root)
    sampler = DistributedSampler(dataset, num_replicas=world_size, rank=rank, shuffle=True)
    loader = DataLoader(dataset, batch_size=args.batch_size, sampler=sampler, num_workers=8, pin_memory=True)

    net = DDP(build_model(args.arch).cuda(), device_ids=[local_rank])
    opt = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9, weight_decay=1e-4)
    steps_per_epoch = len(dataset) // (args.batch_size * world_size)
    lr_sched = OneCycleLR(opt, max_lr=args.lr, epochs=args.epochs, steps_per_epoch=steps_per_epoch)
    criterion = torch.nn.CrossEntropyLoss().cuda()

    for epoch in range(args.epochs):
        sampler.set_epoch(epoch)
        net.train()
        for images, target in loader:
            images, target = images.cuda(non_blocking=True), target.cuda(non_blocking=True)
            loss = criterion(net(images), target)
            opt.zero_grad()
            loss.backward()
            opt.step()
            lr_sched.step()
        if rank == 0:
            print(f"epoch {epoch} loss {loss.item():.4f} lr {lr_sched.get_last_lr()[0]:.4f}")
            torch.save(net.module.state_dict(), f"{args.out}/model_{epoch}.pth")
    dist.destroy_process_group()

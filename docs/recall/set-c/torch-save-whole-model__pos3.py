import os

import torch
import torch.distributed as dist
from torch.nn.parallel import DistributedDataParallel as DDP
from torch.utils.data import DataLoader
from torch.utils.data.distributed import DistributedSampler


def save_weights(model, ckpt_dir, epoch):
    if dist.get_rank() != 0:
        return
    bare = model.module if isinstance(model, DDP) else model
    out_file = os.path.join(ckpt_dir, f"epoch_{epoch:03d}.pt")
    torch.save(bare, out_file)


def train(model, dataset, args):
    local_rank = int(os.environ["LOCAL_RANK"])
    torch.cuda.set_device(local_rank)
    model = DDP(model.cuda(local_rank), device_ids=[local_rank])
    sampler = DistributedSampler(dataset, shuffle=True)
    loader = DataLoader(dataset, batch_size=args.batch_size, sampler=sampler,
                        num_workers=args.workers, pin_memory=True)
    opt = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=0.9)
    crit = torch.nn.CrossEntropyLoss().cuda(local_rank)

    for epoch in range(args.epochs):
        sampler.set_epoch(epoch)
        model.train()
        for images, target in loader:
            images = images.cuda(local_rank, non_blocking=True)
            target = target.cuda(local_rank, non_blocking=True)
            opt.zero_grad()
            loss = crit(model(images), target)
            loss.backward()
            opt.step()
        if (epoch + 1) % args.save_freq == 0:
            save_weights(model, args.ckpt_dir, epoch)

import torch
import torch.distributed as dist
import torch.nn.functional as F
from torch.nn.parallel import DistributedDataParallel as DDP
from torch.optim.lr_scheduler import OneCycleLR
from torch.utils.data import DataLoader
from torch.utils.data.distributed import DistributedSampler


def train_ddp(model, dataset, args):
    rank = dist.get_rank()
    world = dist.get_world_size()
    torch.cuda.set_device(args.local_rank)
    model = DDP(model.cuda(), device_ids=[args.local_rank])

    sampler = DistributedSampler(dataset, num_replicas=world, rank=rank, shuffle=True)
    loader = DataLoader(dataset, batch_size=args.batch_size, sampler=sampler,
                        num_workers=args.workers, pin_memory=True)

    opt = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=0.9,
                          weight_decay=args.wd, nesterov=True)
    iters_per_epoch = len(dataset) // (args.batch_size * world)
    sched = OneCycleLR(opt, max_lr=args.lr, total_steps=args.epochs * iters_per_epoch,
                       pct_start=0.25, div_factor=25.0)

    for epoch in range(args.epochs):
        sampler.set_epoch(epoch)
        model.train()
        for images, labels in loader:
            images = images.cuda(non_blocking=True)
            labels = labels.cuda(non_blocking=True)
            opt.zero_grad(set_to_none=True)
            loss = F.cross_entropy(model(images), labels)
            loss.backward()
            opt.step()
            sched.step()
        if rank == 0:
            print(f"epoch {epoch} lr {sched.get_last_lr()[0]:.4f} loss {loss.item():.4f}")
            torch.save(model.module.state_dict(), "ddp_last.pth")

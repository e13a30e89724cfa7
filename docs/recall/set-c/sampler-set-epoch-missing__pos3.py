import torch
import torch.distributed as dist
from torch import nn
from torch.utils.data import DataLoader
from torch.utils.data.distributed import DistributedSampler


def build_loader(dataset, args):
    sampler = DistributedSampler(dataset, num_replicas=dist.get_world_size(),
                                 rank=dist.get_rank(), shuffle=True)
    return DataLoader(dataset, batch_size=args.batch_size, sampler=sampler,
                      num_workers=args.num_workers, pin_memory=True, drop_last=True)


def train(ddp_model, dataset, args):
    loader = build_loader(dataset, args)
    opt = torch.optim.SGD(ddp_model.parameters(), lr=args.lr, momentum=0.9)
    crit = nn.CrossEntropyLoss()
    device = torch.device("cuda", args.local_rank)
    epoch = 0
    while epoch < args.epochs:
        ddp_model.train()
        for step, (x, y) in enumerate(loader):
            x, y = x.to(device, non_blocking=True), y.to(device, non_blocking=True)
            opt.zero_grad()
            loss = crit(ddp_model(x), y)
            loss.backward()
            opt.step()
            if step % args.print_freq == 0 and dist.get_rank() == 0:
                print(f"epoch {epoch} step {step}/{len(loader)} loss {loss.item():.4f}")
        epoch += 1

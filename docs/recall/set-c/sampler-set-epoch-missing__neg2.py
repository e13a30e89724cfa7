import torch
import torch.distributed as dist
from torch import nn
from torch.utils.data import DataLoader
from torch.utils.data.distributed import DistributedSampler


def build_loader(dataset, args, train=True):
    sampler = DistributedSampler(dataset, num_replicas=dist.get_world_size(),
                                 rank=dist.get_rank(), shuffle=train)
    return DataLoader(dataset, batch_size=args.batch_size, sampler=sampler,
                      num_workers=args.num_workers, pin_memory=True, drop_last=train)


@torch.no_grad()
def validate(ddp_model, loader, device):
    ddp_model.eval()
    correct = torch.zeros(2, device=device)
    for x, y in loader:
        x, y = x.to(device), y.to(device)
        correct[0] += (ddp_model(x).argmax(1) == y).sum()
        correct[1] += y.numel()
    dist.all_reduce(correct)
    return (correct[0] / correct[1]).item()


def train(ddp_model, train_set, val_set, args):
    loader = build_loader(train_set, args, train=True)
    val_loader = build_loader(val_set, args, train=False)
    opt = torch.optim.SGD(ddp_model.parameters(), lr=args.lr, momentum=0.9)
    crit = nn.CrossEntropyLoss()
    device = torch.device("cuda", args.local_rank)
    epoch = 0
    while epoch < args.epochs:
        if isinstance(loader.sampler, DistributedSampler):
            loader.sampler.set_epoch(epoch)
        ddp_model.train()
        for step, (x, y) in enumerate(loader):
            x, y = x.to(device, non_blocking=True), y.to(device, non_blocking=True)
            opt.zero_grad()
            loss = crit(ddp_model(x), y)
            loss.backward()
            opt.step()
        acc = validate(ddp_model, val_loader, device)
        if dist.get_rank() == 0:
            print(f"epoch {epoch}: loss {loss.item():.4f} val acc {acc:.4f}")
        epoch += 1

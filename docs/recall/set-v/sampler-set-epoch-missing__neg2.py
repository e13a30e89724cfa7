import torch
import torch.distributed as dist
import torch.nn.functional as F
from torch.utils.data import DataLoader, DistributedSampler


def make_loaders(train_ds, val_ds, batch_size, rank, world):
    train_loader = DataLoader(train_ds, batch_size=batch_size, num_workers=4, pin_memory=True,
                              sampler=DistributedSampler(train_ds, num_replicas=world, rank=rank, shuffle=True))
    val_loader = DataLoader(val_ds, batch_size=batch_size, num_workers=4,
                            sampler=DistributedSampler(val_ds, num_replicas=world, rank=rank, shuffle=False))
    return train_loader, val_loader


def fit(ddp_model, train_loader, val_loader, opt, epochs, rank):
    for epoch in range(epochs):
        train_loader.sampler.set_epoch(epoch)
        ddp_model.train()
        for x, y in train_loader:
            x, y = x.to(rank, non_blocking=True), y.to(rank, non_blocking=True)
            opt.zero_grad(set_to_none=True)
            F.cross_entropy(ddp_model(x), y).backward()
            opt.step()

        ddp_model.eval()
        correct = torch.zeros(2, device=rank)
        with torch.no_grad():
            for x, y in val_loader:
                x, y = x.to(rank), y.to(rank)
                correct[0] += (ddp_model(x).argmax(1) == y).sum()
                correct[1] += y.numel()
        dist.all_reduce(correct)
        if rank == 0:
            print(f"epoch {epoch}: val acc {(correct[0] / correct[1]).item():.4f}")

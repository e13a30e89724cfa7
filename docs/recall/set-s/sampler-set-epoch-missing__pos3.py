import torch
from torch.utils.data import DataLoader
from torch.utils.data.distributed import DistributedSampler


def build_loader(dataset, args):
    sampler = DistributedSampler(dataset)
    return DataLoader(
        dataset,
        batch_size=args.batch_size,
        sampler=sampler,
        num_workers=args.num_workers,
        collate_fn=getattr(dataset, "collate", None),
    )


def train(net, dataset, compute_loss, args):
    loader = build_loader(dataset, args)
    opt = torch.optim.Adam(net.parameters(), lr=args.lr)
    epoch = 0
    net.train()
    while epoch < args.max_epochs:
        for batch in loader:
            batch = {k: v.cuda(non_blocking=True) for k, v in batch.items()}
            loss = compute_loss(net, batch)
            opt.zero_grad()
            loss.backward()
            opt.step()
        epoch += 1
        if args.rank == 0:
            print(f"finished epoch {epoch}")
    return net

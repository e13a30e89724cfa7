import torch
import torch.distributed as dist
from torch.utils.data import DataLoader, DistributedSampler


def build_loader(dataset, batch_size, workers, train=True):
    sampler = DistributedSampler(dataset, shuffle=train)
    return DataLoader(dataset, batch_size=batch_size, sampler=sampler,
                      num_workers=workers, pin_memory=True, drop_last=train)


def run(args, model, train_ds, device):
    loader = build_loader(train_ds, args.batch_size, args.workers, train=True)
    optim = torch.optim.Adam(model.parameters(), lr=args.lr, betas=(0.9, 0.98), eps=1e-9)
    model.train()
    epoch = args.start_epoch
    while epoch < args.epochs:
        seen = 0
        for batch in loader:
            feats = batch["feats"].to(device, non_blocking=True)
            targets = batch["targets"].to(device, non_blocking=True)
            optim.zero_grad(set_to_none=True)
            loss = model(feats, targets)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), args.clip)
            optim.step()
            seen += feats.size(0)
        if dist.get_rank() == 0:
            print(f"epoch {epoch} done: {seen * dist.get_world_size()} samples, loss {loss.item():.4f}")
        epoch += 1
    return model

import torch
import torch.distributed as dist
from torch.utils.data import DataLoader, DistributedSampler


def build_loader(dataset, batch_size, workers, train=True):
    sampler = DistributedSampler(dataset, shuffle=train)
    return DataLoader(dataset, batch_size=batch_size, sampler=sampler,
                      num_workers=workers, pin_memory=True, drop_last=train)


@torch.no_grad()
def evaluate(model, loader, device):
    model.eval()
    loss_sum, count = 0.0, 0
    for batch in loader:
        loss = model(batch["feats"].to(device), batch["targets"].to(device))
        loss_sum += loss.item() * batch["feats"].size(0)
        count += batch["feats"].size(0)
    total = torch.tensor([loss_sum, float(count)], device=device)
    dist.all_reduce(total)
    model.train()
    return (total[0] / total[1]).item()


def run(args, model, train_ds, val_ds, device):
    train_loader = build_loader(train_ds, args.batch_size, args.workers, train=True)
    val_loader = build_loader(val_ds, args.batch_size, args.workers, train=False)
    optim = torch.optim.Adam(model.parameters(), lr=args.lr, betas=(0.9, 0.98), eps=1e-9)
    model.train()
    epoch = args.start_epoch
    while epoch < args.epochs:
        if isinstance(train_loader.sampler, DistributedSampler):
            train_loader.sampler.set_epoch(epoch)
        for batch in train_loader:
            feats = batch["feats"].to(device, non_blocking=True)
            optim.zero_grad(set_to_none=True)
            loss = model(feats, batch["targets"].to(device, non_blocking=True))
            loss.backward()
            optim.step()
        val_loss = evaluate(model, val_loader, device)
        if dist.get_rank() == 0:
            print(f"epoch {epoch}: val loss {val_loss:.4f}")
        epoch += 1
    return model

import torch
import torch.distributed as dist
from torch.utils.data import DataLoader, DistributedSampler


def build_dataloader(ds, args):
    smp = DistributedSampler(ds, num_replicas=dist.get_world_size(), rank=dist.get_rank(), seed=args.seed)
    return DataLoader(ds, batch_size=args.batch_size, sampler=smp, num_workers=args.workers, drop_last=True)


def train(ddp_net, ds, args):
    dl = build_dataloader(ds, args)
    opt = torch.optim.AdamW(ddp_net.parameters(), lr=args.lr, weight_decay=args.wd)
    ddp_net.train()
    step = 0
    epoch = 0
    while step < args.max_steps:
        for batch in dl:
            batch = {k: v.cuda(non_blocking=True) for k, v in batch.items()}
            loss = ddp_net(**batch).loss
            opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(ddp_net.parameters(), args.clip)
            opt.step()
            step += 1
            if step >= args.max_steps:
                break
        epoch += 1
        if dist.get_rank() == 0:
            print(f"finished pass {epoch} at step {step}")

import os

import torch
import torch.distributed as dist
from torch.nn.parallel import DistributedDataParallel as DDP


def is_main_process():
    return not dist.is_initialized() or dist.get_rank() == 0


def export_weights(wrapped, out_dir, name="final_model.pt"):
    if not is_main_process():
        return
    bare = wrapped.module if hasattr(wrapped, "module") else wrapped
    os.makedirs(out_dir, exist_ok=True)
    torch.save(bare, os.path.join(out_dir, name))


def train(local_rank, net, loader, sampler, args):
    torch.cuda.set_device(local_rank)
    net = DDP(net.cuda(local_rank), device_ids=[local_rank])
    opt = torch.optim.Adam(net.parameters(), lr=args.lr)
    for epoch in range(args.epochs):
        sampler.set_epoch(epoch)
        net.train()
        for feats, labels in loader:
            feats = feats.cuda(local_rank, non_blocking=True)
            labels = labels.cuda(local_rank, non_blocking=True)
            opt.zero_grad()
            loss = torch.nn.functional.cross_entropy(net(feats), labels)
            loss.backward()
            opt.step()
        if is_main_process():
            print(f"epoch {epoch} done, last loss {loss.item():.4f}")
    export_weights(net, args.output_dir)
    dist.barrier()

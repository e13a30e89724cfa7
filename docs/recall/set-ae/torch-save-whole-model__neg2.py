import os

import torch
import torch.distributed as dist
from torch.nn.parallel import DistributedDataParallel as DDP


def is_main_process():
    return not dist.is_initialized() or dist.get_rank() == 0


def unwrap(net):
    return net.module if isinstance(net, DDP) else net


def export_weights(net, out_dir, tag):
    if not is_main_process():
        return
    path = os.path.join(out_dir, f"backbone_{tag}.pt")
    torch.save(unwrap(net).state_dict(), path)


@torch.no_grad()
def dump_embeddings(net, loader, out_dir, device):
    net.eval()
    feats = []
    for images, _ in loader:
        feats.append(unwrap(net).encode(images.to(device)).cpu())
    net.train()
    embeddings = torch.cat(feats)
    if is_main_process():
        torch.save(embeddings, os.path.join(out_dir, "embeddings.pt"))
    return embeddings

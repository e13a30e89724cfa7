import os

import torch
import torch.distributed as dist
from torch.nn.parallel import DistributedDataParallel as DDP


def is_main_process():
    return not dist.is_initialized() or dist.get_rank() == 0


def export_weights(net, out_dir, tag):
    if not is_main_process():
        return
    to_save = net.module if isinstance(net, DDP) else net
    path = os.path.join(out_dir, f"encoder_{tag}.pt")
    torch.save(to_save, path)
    print(f"saved {path}")


def train(net, loader, opt, epochs, out_dir, log_every=50):
    local_rank = int(os.environ.get("LOCAL_RANK", 0))
    device = torch.device("cuda", local_rank)
    net = DDP(net.to(device), device_ids=[local_rank])
    for epoch in range(epochs):
        loader.sampler.set_epoch(epoch)
        net.train()
        for it, (view1, view2) in enumerate(loader):
            view1 = view1.to(device, non_blocking=True)
            view2 = view2.to(device, non_blocking=True)
            loss = net(view1, view2)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            if it % log_every == 0 and is_main_process():
                print(f"ep {epoch} it {it} loss {loss.item():.4f}")
        export_weights(net, out_dir, f"ep{epoch:03d}")

import torch
import torch.distributed as dist
import torch.nn.functional as F
from torch.utils.data import DataLoader
from torch.utils.data.distributed import DistributedSampler


def build_loader(ds, bs, workers):
    smp = DistributedSampler(ds, shuffle=True, seed=42, drop_last=True)
    return DataLoader(ds, batch_size=bs, sampler=smp, num_workers=workers, pin_memory=True)


def train(ddp_net, train_ds, cfg):
    loader = build_loader(train_ds, cfg["bs"], cfg["workers"])
    opt = torch.optim.SGD(ddp_net.parameters(), lr=cfg["lr"], momentum=0.9)
    epoch = 0
    while epoch < cfg["epochs"]:
        if isinstance(loader.sampler, DistributedSampler):
            loader.sampler.set_epoch(epoch)
        ddp_net.train()
        for step, (tok, lab) in enumerate(loader):
            tok, lab = tok.cuda(non_blocking=True), lab.cuda(non_blocking=True)
            opt.zero_grad()
            loss = F.cross_entropy(ddp_net(tok), lab)
            loss.backward()
            opt.step()
            if dist.get_rank() == 0 and step % cfg["log_every"] == 0:
                print(f"epoch {epoch} step {step} loss {loss.item():.4f}")
        epoch += 1

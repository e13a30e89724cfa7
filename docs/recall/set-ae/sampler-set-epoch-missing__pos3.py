import os

import torch
import torch.distributed as dist
from torch.nn.parallel import DistributedDataParallel as DDP
from torch.utils.data import DataLoader
from torch.utils.data.distributed import DistributedSampler


def build_train_loader(dataset, batch_size, workers=6):
    sampler = DistributedSampler(dataset)
    return DataLoader(dataset, batch_size=batch_size, sampler=sampler,
                      num_workers=workers, pin_memory=True, drop_last=True,
                      persistent_workers=True)


def train(model, dataset, hp):
    dist.init_process_group(backend="nccl")
    rank = dist.get_rank()
    local_rank = int(os.environ["LOCAL_RANK"])
    torch.cuda.set_device(local_rank)
    model = DDP(model.cuda(local_rank), device_ids=[local_rank])
    optim = torch.optim.Adam(model.parameters(), lr=hp["lr"])
    dl = build_train_loader(dataset, hp["batch_size"])

    for ep in range(hp["epochs"]):
        model.train()
        for it, (wave, mel) in enumerate(dl):
            wave, mel = wave.cuda(local_rank), mel.cuda(local_rank)
            optim.zero_grad()
            loss = model(wave, mel)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), hp["clip"])
            optim.step()
            if rank == 0 and it % hp["log_every"] == 0:
                print(f"ep {ep} it {it} loss {loss.item():.4f}")
        if rank == 0 and (ep + 1) % hp["save_every"] == 0:
            torch.save(model.module.state_dict(), os.path.join(hp["out"], f"vocoder_{ep + 1}.pt"))
    dist.destroy_process_group()

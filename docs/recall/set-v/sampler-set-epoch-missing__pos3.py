import torch
import torch.distributed as dist
from torch.nn.parallel import DistributedDataParallel as DDP
from torch.utils.data import DataLoader, DistributedSampler

from audio_data import SpeakerDataset, pad_collate
from audio_model import XVector


def build_train_loader(args, rank, world):
    ds = SpeakerDataset(args.manifest, segment_sec=args.segment)
    smp = DistributedSampler(ds, num_replicas=world, rank=rank)
    return DataLoader(ds, batch_size=args.batch_size, sampler=smp, collate_fn=pad_collate,
                      num_workers=args.workers, pin_memory=True)


def worker(rank, world, args):
    dist.init_process_group("nccl", rank=rank, world_size=world)
    torch.cuda.set_device(rank)
    loader = build_train_loader(args, rank, world)
    net = DDP(XVector(n_speakers=args.n_speakers).cuda(rank), device_ids=[rank])
    opt = torch.optim.Adam(net.parameters(), lr=args.lr)
    crit = torch.nn.CrossEntropyLoss()

    for ep in range(1, args.epochs + 1):
        net.train()
        seen = 0
        for step, (feats, lens, spk) in enumerate(loader):
            feats, spk = feats.cuda(rank, non_blocking=True), spk.cuda(rank, non_blocking=True)
            opt.zero_grad()
            loss = crit(net(feats, lens), spk)
            loss.backward()
            opt.step()
            seen += feats.size(0)
        if rank == 0:
            print(f"epoch {ep}: {seen} utterances per rank, last loss {loss.item():.3f}")
            torch.save(net.module.state_dict(), f"{args.out}/xvector_ep{ep}.pt")
    dist.destroy_process_group()

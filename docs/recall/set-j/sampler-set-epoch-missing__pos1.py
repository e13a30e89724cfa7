import argparse
import os

import torch
import torch.distributed as dist
import torch.nn.functional as F
from torch.nn.parallel import DistributedDataParallel as DDP
from torch.utils.data import DataLoader
from torch.utils.data.distributed import DistributedSampler

from dataset import ShardedTextDataset
from model import TinyTransformer


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="data/corpus")
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--lr", type=float, default=3e-4)
    args = parser.parse_args()

    dist.init_process_group("nccl")
    rank = dist.get_rank()
    local_rank = int(os.environ["LOCAL_RANK"])
    torch.cuda.set_device(local_rank)

    train_set = ShardedTextDataset(args.data, seq_len=512)
    sampler = DistributedSampler(train_set, num_replicas=dist.get_world_size(), rank=rank, shuffle=True)
    loader = DataLoader(train_set, batch_size=args.batch_size, sampler=sampler, num_workers=4, pin_memory=True)

    model = DDP(TinyTransformer(vocab_size=train_set.vocab_size).cuda(local_rank), device_ids=[local_rank])
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.1)

    for epoch in range(args.epochs):
        model.train()
        for tokens in loader:
            tokens = tokens.cuda(local_rank, non_blocking=True)
            logits = model(tokens[:, :-1])
            loss = F.cross_entropy(logits.reshape(-1, logits.size(-1)), tokens[:, 1:].reshape(-1))
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
        if rank == 0:
            print(f"epoch {epoch}: last loss {loss.item():.4f}")
            torch.save(model.module.state_dict(), f"ckpt_epoch{epoch}.pt")

    dist.destroy_process_group()


if __name__ == "__main__":
    main()

import os

import torch
import torch.distributed as dist
import torch.nn as nn
from torch.nn.parallel import DistributedDataParallel as DDP
from torch.utils.data import DataLoader
from torch.utils.data.distributed import DistributedSampler

from data import build_train_set, build_val_set
from models import build_model


def main():
    dist.init_process_group("nccl")
    local_rank = int(os.environ["LOCAL_RANK"])
    torch.cuda.set_device(local_rank)

    train_set, val_set = build_train_set(), build_val_set()
    sampler = DistributedSampler(train_set, shuffle=True, drop_last=True)
    loader = DataLoader(train_set, batch_size=64, sampler=sampler, num_workers=8, pin_memory=True)
    val_sampler = DistributedSampler(val_set, shuffle=False)
    val_loader = DataLoader(val_set, batch_size=128, sampler=val_sampler, num_workers=8)

    model = DDP(build_model().cuda(), device_ids=[local_rank])
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, weight_decay=1e-4)
    criterion = nn.CrossEntropyLoss()

    for epoch in range(100):
        sampler.set_epoch(epoch)
        model.train()
        for images, labels in loader:
            images, labels = images.cuda(non_blocking=True), labels.cuda(non_blocking=True)
            optimizer.zero_grad()
            loss = criterion(model(images), labels)
            loss.backward()
            optimizer.step()

        model.eval()
        correct = torch.zeros(2, device="cuda")
        with torch.no_grad():
            for images, labels in val_loader:
                pred = model(images.cuda(non_blocking=True)).argmax(1)
                correct += torch.stack([(pred == labels.cuda()).sum(), torch.tensor(labels.numel(), device="cuda")])
        dist.all_reduce(correct)
        if dist.get_rank() == 0:
            print(f"epoch {epoch}: val acc {(correct[0] / correct[1]).item():.4f}")
    dist.destroy_process_group()


if __name__ == "__main__":
    main()

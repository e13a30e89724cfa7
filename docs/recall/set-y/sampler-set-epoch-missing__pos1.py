import os

import torch
import torch.distributed as dist
import torch.nn.functional as F
from torch.nn.parallel import DistributedDataParallel as DDP
from torch.utils.data import DataLoader
from torch.utils.data.distributed import DistributedSampler


def main(build_model, train_set, epochs=100, batch_size=64, lr=0.1):
    dist.init_process_group(backend="nccl")
    local_rank = int(os.environ["LOCAL_RANK"])
    torch.cuda.set_device(local_rank)

    model = DDP(build_model().cuda(), device_ids=[local_rank])
    sampler = DistributedSampler(train_set, shuffle=True, drop_last=True)
    loader = DataLoader(train_set, batch_size=batch_size, sampler=sampler,
                        num_workers=8, pin_memory=True, persistent_workers=True)
    opt = torch.optim.SGD(model.parameters(), lr=lr * dist.get_world_size(), momentum=0.9)

    for epoch in range(epochs):
        model.train()
        for images, labels in loader:
            images, labels = images.cuda(non_blocking=True), labels.cuda(non_blocking=True)
            opt.zero_grad(set_to_none=True)
            loss = F.cross_entropy(model(images), labels)
            loss.backward()
            opt.step()
        if dist.get_rank() == 0:
            print(f"epoch {epoch}: last loss {loss.item():.4f}")
    dist.destroy_process_group()

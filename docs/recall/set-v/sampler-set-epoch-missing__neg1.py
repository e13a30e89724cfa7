import os

import torch
import torch.distributed as dist
import torch.nn as nn
from torch.nn.parallel import DistributedDataParallel as DDP
from torch.utils.data import DataLoader
from torch.utils.data.distributed import DistributedSampler
from torchvision import datasets, transforms, models


def main(epochs=90, batch_size=64, lr=0.1):
    dist.init_process_group(backend="nccl")
    local_rank = int(os.environ["LOCAL_RANK"])
    torch.cuda.set_device(local_rank)

    tf = transforms.Compose([transforms.RandomResizedCrop(224), transforms.RandomHorizontalFlip(), transforms.ToTensor()])
    train_set = datasets.ImageFolder("/data/imagenet/train", tf)
    train_sampler = DistributedSampler(train_set, shuffle=True)
    loader = DataLoader(train_set, batch_size=batch_size, sampler=train_sampler, num_workers=8, pin_memory=True)

    model = DDP(models.resnet50().cuda(local_rank), device_ids=[local_rank])
    criterion = nn.CrossEntropyLoss().cuda(local_rank)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9, weight_decay=1e-4)

    for epoch in range(epochs):
        train_sampler.set_epoch(epoch)
        model.train()
        for images, target in loader:
            images = images.cuda(local_rank, non_blocking=True)
            target = target.cuda(local_rank, non_blocking=True)
            optimizer.zero_grad()
            loss = criterion(model(images), target)
            loss.backward()
            optimizer.step()
        if dist.get_rank() == 0:
            torch.save(model.module.state_dict(), f"resnet50_e{epoch}.pth")

    dist.destroy_process_group()


if __name__ == "__main__":
    main()

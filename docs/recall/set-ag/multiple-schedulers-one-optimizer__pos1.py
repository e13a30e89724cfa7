import torch
import torch.nn as nn
from torch.optim.lr_scheduler import LambdaLR, MultiStepLR
from torch.utils.data import DataLoader

from models import build_model
from datasets import build_dataset


def train(args):
    device = torch.device("cuda")
    net = build_model(args.arch, num_classes=args.num_classes).to(device)
    loader = DataLoader(build_dataset(args.data, train=True), batch_size=args.batch_size,
                        shuffle=True, num_workers=args.workers, pin_memory=True)
    opt = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9, weight_decay=args.wd)
    n_warm = args.warmup_epochs
    warm_sched = LambdaLR(opt, lambda e: min(1.0, (e + 1) / n_warm))
    decay_sched = MultiStepLR(opt, milestones=[30, 60, 80], gamma=0.1)
    crit = nn.CrossEntropyLoss()

    for epoch in range(args.epochs):
        net.train()
        running = 0.0
        for images, target in loader:
            images, target = images.to(device), target.to(device)
            loss = crit(net(images), target)
            opt.zero_grad()
            loss.backward()
            opt.step()
            running += loss.item()
        warm_sched.step()
        decay_sched.step()
        print(f"epoch {epoch}: loss {running / len(loader):.4f} "
              f"lr {opt.param_groups[0]['lr']:.4f}")
    return net

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import CosineAnnealingLR, LinearLR, SequentialLR
from torch.utils.data import DataLoader

from models import build_model
from datasets import build_dataset


def train(args):
    device = torch.device("cuda")
    net = build_model(args.arch, num_classes=args.num_classes).to(device)
    loader = DataLoader(build_dataset(args.data, train=True), batch_size=args.batch_size,
                        shuffle=True, num_workers=args.workers, pin_memory=True)
    opt = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9, weight_decay=args.wd)
    warm_epochs = args.warmup_epochs
    warm = LinearLR(opt, start_factor=0.01, end_factor=1.0, total_iters=warm_epochs)
    main_phase = CosineAnnealingLR(opt, T_max=max(1, args.epochs - warm_epochs), eta_min=1e-6)
    schedule = SequentialLR(opt, schedulers=[warm, main_phase], milestones=[warm_epochs])
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
        schedule.step()
        print(f"epoch {epoch}: loss {running / len(loader):.4f} "
              f"lr {schedule.get_last_lr()[0]:.4f}")
    return net

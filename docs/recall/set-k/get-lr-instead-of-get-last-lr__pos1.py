import torch
from torch import nn
from torch.optim.lr_scheduler import MultiStepLR
from torch.utils.tensorboard import SummaryWriter


def train(net: nn.Module, loader, epochs=120, lr=0.1, logdir="runs/exp"):
    writer = SummaryWriter(logdir)
    opt = torch.optim.SGD(net.parameters(), lr=lr, momentum=0.9, weight_decay=5e-4)
    scheduler = MultiStepLR(opt, milestones=[40, 80, 100], gamma=0.1)
    criterion = nn.CrossEntropyLoss()
    global_step = 0
    for epoch in range(epochs):
        net.train()
        for imgs, labels in loader:
            imgs, labels = imgs.cuda(), labels.cuda()
            opt.zero_grad()
            loss = criterion(net(imgs), labels)
            loss.backward()
            opt.step()
            global_step += 1
            if global_step % 50 == 0:
                writer.add_scalar("train/loss", loss.item(), global_step)
        scheduler.step()
        writer.add_scalar("train/lr", scheduler.get_lr()[0], epoch)
    writer.close()
    return net

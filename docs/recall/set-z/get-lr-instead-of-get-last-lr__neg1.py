import torch
from torch.optim.lr_scheduler import StepLR
from torch.utils.tensorboard import SummaryWriter


def train(model, loader, epochs=90, lr=0.1, log_dir="runs/exp"):
    writer = SummaryWriter(log_dir)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9, weight_decay=1e-4)
    scheduler = StepLR(optimizer, step_size=30, gamma=0.1)
    criterion = torch.nn.CrossEntropyLoss()
    step = 0
    for epoch in range(epochs):
        model.train()
        for images, target in loader:
            images, target = images.cuda(non_blocking=True), target.cuda(non_blocking=True)
            loss = criterion(model(images), target)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            step += 1
            if step % 100 == 0:
                writer.add_scalar("train/loss", loss.item(), step)
        scheduler.step()
        writer.add_scalar("train/lr", scheduler.get_last_lr()[0], epoch)
    writer.close()

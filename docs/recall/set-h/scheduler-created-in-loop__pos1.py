import torch
import torch.nn as nn
from torch.optim.lr_scheduler import StepLR
from torch.utils.data import DataLoader

from utils import AverageMeter, accuracy

EPOCHS = 90
LR = 0.1
STEP_SIZE = 30


def train(model, train_set, device="cuda"):
    train_loader = DataLoader(train_set, batch_size=256, shuffle=True, num_workers=8, pin_memory=True)
    criterion = nn.CrossEntropyLoss().to(device)
    optimizer = torch.optim.SGD(model.parameters(), LR, momentum=0.9, weight_decay=1e-4)

    for epoch in range(EPOCHS):
        scheduler = StepLR(optimizer, step_size=STEP_SIZE, gamma=0.1)
        losses, top1 = AverageMeter(), AverageMeter()
        model.train()
        for images, target in train_loader:
            images, target = images.to(device), target.to(device)
            output = model(images)
            loss = criterion(output, target)
            acc1 = accuracy(output, target, topk=(1,))[0]
            losses.update(loss.item(), images.size(0))
            top1.update(acc1.item(), images.size(0))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        scheduler.step()
        print(f"Epoch [{epoch}] loss {losses.avg:.4f} acc@1 {top1.avg:.2f} lr {scheduler.get_last_lr()[0]}")
    return model

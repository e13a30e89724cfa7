import torch
import torch.nn as nn
from torch.optim.lr_scheduler import StepLR


def train(model, train_loader, epochs=60, lr=0.1):
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9, weight_decay=5e-4)
    scheduler = StepLR(optimizer, step_size=20, gamma=0.1)
    model.cuda()
    for epoch in range(epochs):
        model.train()
        running_loss, correct, seen = 0.0, 0, 0
        for inputs, targets in train_loader:
            inputs, targets = inputs.cuda(), targets.cuda()
            optimizer.zero_grad()
            outputs = model(inputs)
            loss = criterion(outputs, targets)
            loss.backward()
            optimizer.step()
            running_loss += loss.item()
            correct += outputs.argmax(1).eq(targets).sum().item()
            seen += targets.size(0)
        scheduler.step()
        cur_lr = scheduler.get_lr()[0]
        print("Epoch: %d | Loss: %.3f | Acc: %.3f%% | LR: %.5f" % (
            epoch, running_loss / len(train_loader), 100.0 * correct / seen, cur_lr))
    return model

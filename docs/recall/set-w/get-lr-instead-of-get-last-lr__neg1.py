import torch
import torch.nn as nn
from torch.optim.lr_scheduler import MultiStepLR


def train(net, trainloader, epochs=200, device="cuda"):
    net = net.to(device)
    criterion = nn.CrossEntropyLoss()
    opt = torch.optim.SGD(net.parameters(), lr=0.1, momentum=0.9, weight_decay=5e-4)
    sched = MultiStepLR(opt, milestones=[60, 120, 160], gamma=0.2)

    for epoch in range(epochs):
        net.train()
        train_loss, correct, total = 0.0, 0, 0
        for batch_idx, (inputs, targets) in enumerate(trainloader):
            inputs, targets = inputs.to(device), targets.to(device)
            opt.zero_grad()
            outputs = net(inputs)
            loss = criterion(outputs, targets)
            loss.backward()
            opt.step()

            train_loss += loss.item()
            _, predicted = outputs.max(1)
            total += targets.size(0)
            correct += predicted.eq(targets).sum().item()
        sched.step()
        print(f"Epoch {epoch} | lr {sched.get_last_lr()[0]:.5f} | "
              f"loss {train_loss / (batch_idx + 1):.3f} | acc {100.0 * correct / total:.2f}%")
    return net

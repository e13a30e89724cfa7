import torch
from torch import nn
from torch.optim.lr_scheduler import StepLR


def train(model, loader, epochs, lr, device):
    opt = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9, weight_decay=1e-4)
    sched = StepLR(opt, step_size=30, gamma=0.1)
    crit = nn.CrossEntropyLoss()
    model.to(device)

    for epoch in range(epochs):
        model.train()
        running, correct, seen = 0.0, 0, 0
        for i, (inputs, targets) in enumerate(loader):
            inputs, targets = inputs.to(device), targets.to(device)
            outputs = model(inputs)
            loss = crit(outputs, targets)
            loss.backward()
            opt.step()

            running += loss.item()
            correct += (outputs.argmax(1) == targets).sum().item()
            seen += targets.size(0)
            if i % 100 == 99:
                print(f"[{epoch + 1}, {i + 1:5d}] loss: {running / 100:.3f}")
                running = 0.0
        sched.step()
        print(f"epoch {epoch + 1}: train acc {correct / max(seen, 1):.3f}")
    return model

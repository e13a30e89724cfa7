import torch
from torch.optim.lr_scheduler import OneCycleLR


def train(net, train_loader, epochs=30, max_lr=0.1, device="cuda"):
    net = net.to(device)
    opt = torch.optim.SGD(net.parameters(), lr=max_lr, momentum=0.9, weight_decay=5e-4, nesterov=True)
    sched = OneCycleLR(opt, max_lr=max_lr, epochs=epochs, steps_per_epoch=len(train_loader))
    criterion = torch.nn.CrossEntropyLoss()
    for epoch in range(epochs):
        net.train()
        total_loss, n = 0.0, 0
        for inputs, targets in train_loader:
            inputs, targets = inputs.to(device), targets.to(device)
            opt.zero_grad()
            outputs = net(inputs)
            loss = criterion(outputs, targets)
            loss.backward()
            opt.step()
            sched.step()
            total_loss += loss.item() * targets.size(0)
            n += targets.size(0)
        print(f"epoch {epoch}: loss {total_loss / n:.4f} lr {sched.get_last_lr()[0]:.5f}")
    return net

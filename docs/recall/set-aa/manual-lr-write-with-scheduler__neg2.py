import torch
import torch.nn as nn


def step_decay_lr(opt, epoch, base_lr, milestones=(60, 120, 160), factor=0.2):
    lr = base_lr
    for m in milestones:
        if epoch >= m:
            lr *= factor
    for group in opt.param_groups:
        group["lr"] = lr
    return lr


def train_wrn(net, train_loader, test_loader, epochs=200, base_lr=0.1):
    net = net.cuda()
    opt = torch.optim.SGD(net.parameters(), lr=base_lr, momentum=0.9,
                          weight_decay=5e-4, nesterov=True)
    criterion = nn.CrossEntropyLoss()

    for epoch in range(epochs):
        lr = step_decay_lr(opt, epoch, base_lr)
        net.train()
        for x, y in train_loader:
            x, y = x.cuda(), y.cuda()
            opt.zero_grad()
            criterion(net(x), y).backward()
            opt.step()

        net.eval()
        correct = 0
        with torch.no_grad():
            for x, y in test_loader:
                correct += (net(x.cuda()).argmax(1).cpu() == y).sum().item()
        print(f"epoch {epoch} lr {lr:.4f} test_acc {correct / len(test_loader.dataset):.4f}")
        torch.save({"net": net.state_dict(), "opt": opt.state_dict(), "epoch": epoch}, "wrn.pt")

import torch
from torch.optim.lr_scheduler import MultiStepLR


def train_one_epoch(net, opt, loader, device):
    net.train()
    for inputs, targets in loader:
        inputs, targets = inputs.to(device), targets.to(device)
        loss = torch.nn.functional.cross_entropy(net(inputs), targets)
        opt.zero_grad()
        loss.backward()
        opt.step()


@torch.no_grad()
def evaluate(net, loader, device):
    net.eval()
    correct = total = 0
    for inputs, targets in loader:
        preds = net(inputs.to(device)).argmax(dim=1)
        correct += (preds == targets.to(device)).sum().item()
        total += targets.size(0)
    return correct / max(total, 1)


def main(net, train_loader, val_loader, device="cuda", epochs=200):
    net = net.to(device)
    opt = torch.optim.SGD(net.parameters(), lr=0.1, momentum=0.9, weight_decay=5e-4)
    lr_sched = MultiStepLR(opt, milestones=[60, 120, 160], gamma=0.2)
    for epoch in range(epochs):
        lr_sched.step()
        train_one_epoch(net, opt, train_loader, device)
        acc = evaluate(net, val_loader, device)
        print(f"[{epoch}] lr={lr_sched.get_last_lr()[0]:.4f} acc={acc:.4f}")

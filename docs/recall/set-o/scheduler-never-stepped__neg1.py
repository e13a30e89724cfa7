import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import OneCycleLR


def train_one_epoch(net, loader, opt, sched, device):
    net.train()
    for i, (x, y) in enumerate(loader):
        x, y = x.to(device), y.to(device)
        loss = F.cross_entropy(net(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
        if i % 100 == 0:
            print(f"  it {i} loss {loss.item():.4f} lr {sched.get_last_lr()[0]:.2e}")


@torch.no_grad()
def evaluate(net, loader, device):
    net.eval()
    correct = sum((net(x.to(device)).argmax(1).cpu() == y).sum().item() for x, y in loader)
    return correct / len(loader.dataset)


def main(net, train_loader, test_loader, epochs=30, max_lr=0.1, device="cuda"):
    net.to(device)
    opt = torch.optim.SGD(net.parameters(), lr=max_lr, momentum=0.9, weight_decay=5e-4)
    sched = OneCycleLR(opt, max_lr=max_lr, epochs=epochs, steps_per_epoch=len(train_loader))
    for epoch in range(epochs):
        train_one_epoch(net, train_loader, opt, sched, device)
        print(f"epoch {epoch} acc {evaluate(net, test_loader, device):.4f}")

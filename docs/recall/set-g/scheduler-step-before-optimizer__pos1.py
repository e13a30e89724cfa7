import torch
from torch.optim.lr_scheduler import StepLR


def train_one_epoch(net, loader, opt, crit):
    net.train()
    running = 0.0
    for x, y in loader:
        opt.zero_grad()
        loss = crit(net(x), y)
        loss.backward()
        opt.step()
        running += loss.item()
    return running / max(1, len(loader))


def main(net, train_loader, epochs=30):
    opt = torch.optim.SGD(net.parameters(), lr=0.1, momentum=0.9, weight_decay=5e-4)
    sched = StepLR(opt, step_size=10, gamma=0.1)
    crit = torch.nn.CrossEntropyLoss()
    for epoch in range(epochs):
        sched.step()
        avg = train_one_epoch(net, train_loader, opt, crit)
        print(f"epoch {epoch} loss {avg:.4f} lr {sched.get_last_lr()[0]:.4f}")
    torch.save(net.state_dict(), "final.pt")

import torch
from torch.optim.lr_scheduler import OneCycleLR


def train(net, loader, epochs=30, max_lr=0.1, accum=4):
    opt = torch.optim.SGD(net.parameters(), lr=max_lr, momentum=0.9, weight_decay=5e-4)
    updates_per_epoch = (len(loader) + accum - 1) // accum
    sched = OneCycleLR(opt, max_lr=max_lr, epochs=epochs, steps_per_epoch=updates_per_epoch)
    criterion = torch.nn.CrossEntropyLoss(label_smoothing=0.1)
    for epoch in range(epochs):
        net.train()
        opt.zero_grad(set_to_none=True)
        for i, (x, y) in enumerate(loader):
            x, y = x.cuda(non_blocking=True), y.cuda(non_blocking=True)
            loss = criterion(net(x), y) / accum
            loss.backward()
            if (i + 1) % accum == 0 or (i + 1) == len(loader):
                opt.step()
                sched.step()
                opt.zero_grad(set_to_none=True)
        print(f"epoch {epoch} lr {sched.get_last_lr()[0]:.4f}")
    return net

import torch
from torch.optim.lr_scheduler import CosineAnnealingWarmRestarts


def train(net, loader, epochs=100, lr=0.05):
    opt = torch.optim.SGD(net.parameters(), lr=lr, momentum=0.9, weight_decay=5e-4)
    # SGDR: restarts after 10, 30, 70 epochs; stepped with a fractional epoch
    sched = CosineAnnealingWarmRestarts(opt, T_0=10, T_mult=2, eta_min=1e-5)
    iters = len(loader)
    for epoch in range(epochs):
        net.train()
        for i, (inputs, labels) in enumerate(loader):
            outputs = net(inputs.cuda())
            loss = torch.nn.functional.cross_entropy(outputs, labels.cuda())
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step(epoch + i / iters)
        print(f"epoch {epoch} lr {sched.get_last_lr()[0]:.5f}")
    return net

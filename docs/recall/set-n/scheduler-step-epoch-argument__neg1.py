import torch
from torch.optim.lr_scheduler import CosineAnnealingWarmRestarts
from torch.utils.data import DataLoader


def train(net, train_set, epochs, lr=0.05, device="cuda"):
    loader = DataLoader(train_set, batch_size=128, shuffle=True, num_workers=4, drop_last=True)
    opt = torch.optim.SGD(net.parameters(), lr=lr, momentum=0.9, weight_decay=5e-4)
    sched = CosineAnnealingWarmRestarts(opt, T_0=10, T_mult=2, eta_min=1e-4)
    iters = len(loader)
    net.to(device)
    for epoch in range(epochs):
        net.train()
        for i, (inputs, labels) in enumerate(loader):
            inputs, labels = inputs.to(device), labels.to(device)
            opt.zero_grad()
            loss = torch.nn.functional.cross_entropy(net(inputs), labels)
            loss.backward()
            opt.step()
            # fractional epochs are supported by this scheduler
            sched.step(epoch + i / iters)
        print(f"epoch {epoch} lr {sched.get_last_lr()[0]:.5f}")

import torch
from torch.optim.lr_scheduler import CosineAnnealingWarmRestarts


def train(model, loader, epochs, lr=0.05):
    opt = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9, weight_decay=5e-4)
    sched = CosineAnnealingWarmRestarts(opt, T_0=10, T_mult=2, eta_min=1e-5)
    criterion = torch.nn.CrossEntropyLoss()
    iters = len(loader)
    for epoch in range(epochs):
        model.train()
        for i, (x, y) in enumerate(loader):
            opt.zero_grad()
            loss = criterion(model(x), y)
            loss.backward()
            opt.step()
            sched.step(epoch + i / iters)
        print(f"epoch {epoch} lr {sched.get_last_lr()[0]:.5f}")
    torch.save({"model": model.state_dict(), "optimizer": opt.state_dict(),
                "scheduler": sched.state_dict()}, "sgdr_last.pth")
    return model

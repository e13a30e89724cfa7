import torch
import torch.nn as nn
from torch.optim.lr_scheduler import CosineAnnealingLR, LinearLR, SequentialLR


def build_schedule(opt, epochs, warm_epochs):
    warm = LinearLR(opt, start_factor=0.01, end_factor=1.0, total_iters=warm_epochs)
    main = CosineAnnealingLR(opt, T_max=max(1, epochs - warm_epochs), eta_min=1e-6)
    return SequentialLR(opt, schedulers=[warm, main], milestones=[warm_epochs])


def train(net, loader, epochs=100, warm_epochs=5, lr=5e-4):
    net = net.cuda()
    opt = torch.optim.AdamW(net.parameters(), lr=lr, weight_decay=0.05)
    sched = build_schedule(opt, epochs, warm_epochs)
    crit = nn.CrossEntropyLoss()

    for epoch in range(epochs):
        net.train()
        running = 0.0
        for imgs, labels in loader:
            imgs, labels = imgs.cuda(non_blocking=True), labels.cuda(non_blocking=True)
            loss = crit(net(imgs), labels)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            running += loss.item()
        sched.step()
        print(f"epoch {epoch} loss {running / len(loader):.4f} lr {sched.get_last_lr()[0]:.2e}")
        torch.save({"net": net.state_dict(), "opt": opt.state_dict(),
                    "sched": sched.state_dict(), "epoch": epoch}, "last.pth")
    return net

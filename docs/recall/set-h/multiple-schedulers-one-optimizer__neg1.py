import torch
from torch.optim.lr_scheduler import CosineAnnealingLR, LinearLR, SequentialLR


def build_schedule(opt, total_epochs, warm_epochs):
    assert total_epochs > warm_epochs > 0
    warm = LinearLR(opt, start_factor=0.01, end_factor=1.0, total_iters=warm_epochs)
    decay = CosineAnnealingLR(opt, T_max=total_epochs - warm_epochs, eta_min=1e-6)
    return SequentialLR(opt, schedulers=[warm, decay], milestones=[warm_epochs])


def train(net, loader, total_epochs=120, warm_epochs=5, lr=1e-3):
    opt = torch.optim.AdamW(net.parameters(), lr=lr, weight_decay=0.05)
    lr_sched = build_schedule(opt, total_epochs, warm_epochs)
    crit = torch.nn.CrossEntropyLoss()

    net.cuda()
    for epoch in range(total_epochs):
        net.train()
        running = 0.0
        for inputs, labels in loader:
            inputs, labels = inputs.cuda(), labels.cuda()
            loss = crit(net(inputs), labels)
            opt.zero_grad()
            loss.backward()
            opt.step()
            running += loss.item()
        lr_sched.step()
        print(f"epoch {epoch}: loss {running / len(loader):.4f} lr {lr_sched.get_last_lr()[0]:.2e}")
    return net

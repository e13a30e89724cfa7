import torch
from torch.optim.lr_scheduler import CosineAnnealingLR


def finetune(net, loader, epochs=30, freeze_epochs=5, head_lr=1e-3, full_lr=1e-4):
    assert epochs > freeze_epochs > 0
    for p in net.backbone.parameters():
        p.requires_grad = False
    opt = torch.optim.AdamW(net.head.parameters(), lr=head_lr)
    sched = CosineAnnealingLR(opt, T_max=freeze_epochs)

    crit = torch.nn.CrossEntropyLoss()
    net.cuda()
    for epoch in range(epochs):
        if epoch == freeze_epochs:
            # stage 2: unfreeze the backbone and fine-tune everything with a fresh optimizer
            for p in net.backbone.parameters():
                p.requires_grad = True
            opt = torch.optim.AdamW(net.parameters(), lr=full_lr, weight_decay=0.05)
            sched = CosineAnnealingLR(opt, T_max=epochs - freeze_epochs)
        net.train()
        for x, y in loader:
            x, y = x.cuda(), y.cuda()
            loss = crit(net(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
        sched.step()
        print(f"epoch {epoch} lr {sched.get_last_lr()[0]:.2e} loss {loss.item():.4f}")
    return net

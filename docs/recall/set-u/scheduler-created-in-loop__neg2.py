import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import CosineAnnealingLR


def build_stage(net, lr, n_epochs, backbone_frozen):
    for p in net.backbone.parameters():
        p.requires_grad = not backbone_frozen
    params = [p for p in net.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(params, lr=lr, weight_decay=0.01)
    sched = CosineAnnealingLR(opt, T_max=max(1, n_epochs))
    return opt, sched


def finetune(net, loader, epochs=30, freeze_epochs=5, head_lr=1e-3, full_lr=1e-4):
    net.cuda()
    # stage 1: train the new head on a frozen backbone
    opt, sched = build_stage(net, head_lr, freeze_epochs, backbone_frozen=True)
    for epoch in range(epochs):
        if epoch == freeze_epochs:
            # stage 2: unfreeze everything, fresh optimizer and schedule for the remaining epochs
            opt, sched = build_stage(net, full_lr, epochs - freeze_epochs, backbone_frozen=False)
        net.train()
        for x, y in loader:
            x, y = x.cuda(), y.cuda()
            loss = F.cross_entropy(net(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
        sched.step()
        print(f"epoch {epoch} lr {sched.get_last_lr()[0]:.2e}")
    return net

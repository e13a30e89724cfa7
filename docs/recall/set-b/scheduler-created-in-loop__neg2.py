import torch
from torch.optim.lr_scheduler import CosineAnnealingLR


def finetune(backbone, head, loader, cfg):
    """Two-phase fine-tuning: train the head alone, then unfreeze everything."""
    net = torch.nn.Sequential(backbone, head).cuda()
    for p in backbone.parameters():
        p.requires_grad_(False)
    opt = torch.optim.Adam(head.parameters(), lr=cfg.head_lr)
    sched = CosineAnnealingLR(opt, T_max=cfg.freeze_epochs)
    crit = torch.nn.CrossEntropyLoss()

    for epoch in range(cfg.total_epochs):
        if epoch == cfg.freeze_epochs:
            # new phase: fresh optimizer over all weights and a schedule for the remaining epochs
            for p in backbone.parameters():
                p.requires_grad_(True)
            opt = torch.optim.Adam([
                {"params": backbone.parameters(), "lr": cfg.backbone_lr},
                {"params": head.parameters(), "lr": cfg.head_lr * 0.1},
            ])
            sched = CosineAnnealingLR(opt, T_max=cfg.total_epochs - cfg.freeze_epochs)
        net.train()
        for x, y in loader:
            loss = crit(net(x.cuda()), y.cuda())
            opt.zero_grad()
            loss.backward()
            opt.step()
        sched.step()
        print(f"epoch {epoch} loss {loss.item():.4f} lr {sched.get_last_lr()[0]:.2e}")
    torch.save(net.state_dict(), "finetuned.pt")

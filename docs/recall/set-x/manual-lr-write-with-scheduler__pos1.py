import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import CosineAnnealingLR


def layer_decay_groups(vit, decay=0.75, wd=0.05):
    n_layers = len(vit.blocks) + 1
    groups = []
    for name, p in vit.named_parameters():
        if not p.requires_grad:
            continue
        layer = int(name.split(".")[1]) + 1 if name.startswith("blocks.") else (0 if "embed" in name else n_layers)
        groups.append({"params": [p], "lr_scale": decay ** (n_layers - layer),
                       "weight_decay": 0.0 if p.ndim == 1 else wd})
    return groups


def finetune(vit, loader, args):
    opt = torch.optim.AdamW(layer_decay_groups(vit, decay=args.layer_decay), lr=args.lr)
    sched = CosineAnnealingLR(opt, T_max=args.epochs, eta_min=1e-6)

    for epoch in range(args.epochs):
        vit.train()
        for it, (imgs, labels) in enumerate(loader):
            for g in opt.param_groups:
                g["lr"] = args.lr * g["lr_scale"]
            logits = vit(imgs.cuda(non_blocking=True))
            loss = F.cross_entropy(logits, labels.cuda(non_blocking=True), label_smoothing=0.1)
            opt.zero_grad()
            loss.backward()
            opt.step()
            if it % 50 == 0:
                print(f"epoch {epoch} it {it} loss {loss.item():.4f}")
        sched.step()
        torch.save(vit.state_dict(), f"{args.output_dir}/vit_ft_{epoch}.pth")

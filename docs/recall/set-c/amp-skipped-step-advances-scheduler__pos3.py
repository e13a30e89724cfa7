import torch
import torch.nn.functional as F
from torch.cuda.amp import GradScaler, autocast
from torch.optim.lr_scheduler import CosineAnnealingLR


def apply_update(optim, grad_scaler, lr_sched):
    grad_scaler.step(optim)
    grad_scaler.update()
    lr_sched.step()


def pretrain(encoder, loader, args):
    encoder.cuda()
    optim = torch.optim.AdamW(encoder.parameters(), lr=args.lr, weight_decay=args.wd)
    lr_sched = CosineAnnealingLR(optim, T_max=args.total_iters, eta_min=args.min_lr)
    grad_scaler = GradScaler()

    it = 0
    encoder.train()
    while it < args.total_iters:
        for batch in loader:
            view1, view2 = batch[0].cuda(), batch[1].cuda()
            optim.zero_grad()
            with autocast():
                z1 = F.normalize(encoder(view1), dim=1)
                z2 = F.normalize(encoder(view2), dim=1)
                logits = z1 @ z2.t() / args.temperature
                labels = torch.arange(z1.size(0), device=z1.device)
                loss = F.cross_entropy(logits, labels)
            grad_scaler.scale(loss).backward()
            apply_update(optim, grad_scaler, lr_sched)
            it += 1
            if it % args.log_every == 0:
                print(f"iter {it}: loss {loss.item():.4f}")
            if it >= args.total_iters:
                break
    return encoder

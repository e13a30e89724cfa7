import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import CosineAnnealingLR
from tqdm import tqdm


def train(net, loader, args, device="cuda"):
    decay, no_decay = [], []
    for name, p in net.named_parameters():
        (no_decay if p.ndim == 1 else decay).append(p)
    opt = torch.optim.AdamW(
        [{"params": decay, "weight_decay": args.wd}, {"params": no_decay, "weight_decay": 0.0}], lr=args.lr
    )
    sched = CosineAnnealingLR(opt, T_max=args.epochs * len(loader), eta_min=args.lr * 0.01)
    for epoch in range(args.epochs):
        net.train()
        bar = tqdm(loader, desc=f"epoch {epoch}")
        for x, y in bar:
            x, y = x.to(device), y.to(device)
            loss = F.cross_entropy(net(x), y)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            sched.step()
            lrs = ",".join(f"{v:.2e}" for v in sched.get_lr())
            bar.set_postfix(loss=f"{loss.item():.3f}", lr=lrs)

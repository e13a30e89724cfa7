import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import CosineAnnealingLR


class WarmupCosineLR(CosineAnnealingLR):
    def __init__(self, optimizer, T_max, n_warm, eta_min=0.0, last_epoch=-1):
        self.n_warm = max(1, n_warm)
        super().__init__(optimizer, T_max=T_max, eta_min=eta_min, last_epoch=last_epoch)

    def get_lr(self):
        base = super().get_lr()
        if self.last_epoch >= self.n_warm:
            return base
        w = (self.last_epoch + 1) / self.n_warm
        return [b * w for b in base]


def train(net, loader, args, device="cuda"):
    opt = torch.optim.AdamW(net.parameters(), lr=args.lr, weight_decay=0.05)
    steps = args.epochs * len(loader)
    sched = WarmupCosineLR(opt, T_max=steps, n_warm=args.warm_steps, eta_min=1e-6)
    for epoch in range(args.epochs):
        net.train()
        for i, (x, y) in enumerate(loader):
            loss = F.cross_entropy(net(x.to(device)), y.to(device))
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            sched.step()
            if i % 50 == 0:
                print(f"epoch {epoch} it {i}: loss {loss.item():.3f} lr {sched.get_last_lr()[0]:.2e}")

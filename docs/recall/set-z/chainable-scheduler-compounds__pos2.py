import torch
from torch.optim.lr_scheduler import CosineAnnealingLR


class WarmupCosineAnnealingLR(CosineAnnealingLR):
    """CosineAnnealingLR with a linear warm-up over the first `n_warm` steps."""

    def __init__(self, opt, T_max, n_warm=0, eta_min=0.0, last_epoch=-1):
        self.n_warm = n_warm
        super().__init__(opt, T_max=T_max, eta_min=eta_min, last_epoch=last_epoch)

    def _warm_scale(self):
        if self.n_warm == 0 or self.last_epoch >= self.n_warm:
            return 1.0
        return (self.last_epoch + 1) / self.n_warm

    def get_lr(self):
        cosine = super().get_lr()
        scale = self._warm_scale()
        return [lr * scale for lr in cosine]


def train(encoder, loader, hp):
    opt = torch.optim.AdamW(encoder.parameters(), lr=hp["lr"], weight_decay=hp["wd"])
    total = hp["epochs"] * len(loader)
    sched = WarmupCosineAnnealingLR(opt, T_max=total, n_warm=hp["ramp"], eta_min=hp["lr"] * 0.01)
    for ep in range(hp["epochs"]):
        encoder.train()
        for views in loader:
            loss = encoder(views)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            sched.step()
        print(f"epoch {ep}: lr {sched.get_last_lr()[0]:.3e} loss {loss.item():.4f}")

import torch
from torch.optim.lr_scheduler import CosineAnnealingLR


class WarmupCosineLR(CosineAnnealingLR):
    """CosineAnnealingLR with a linear warm-up over the first `warmup_steps` steps."""

    def __init__(self, optimizer, T_max, warmup_steps=1000, eta_min=0.0, last_epoch=-1):
        self.warmup_steps = warmup_steps
        super().__init__(optimizer, T_max=T_max, eta_min=eta_min, last_epoch=last_epoch)

    def get_lr(self):
        if self.last_epoch < self.warmup_steps:
            scale = (self.last_epoch + 1) / self.warmup_steps
            return [lr * scale for lr in super().get_lr()]
        return super().get_lr()


def train(model, loader, epochs, lr=5e-4, warmup_steps=1000):
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.05)
    sched = WarmupCosineLR(opt, T_max=epochs * len(loader), warmup_steps=warmup_steps,
                           eta_min=1e-6)
    for epoch in range(epochs):
        model.train()
        for images, labels in loader:
            loss = torch.nn.functional.cross_entropy(model(images.cuda()), labels.cuda())
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
        print(f"epoch {epoch}: lr {sched.get_last_lr()[0]:.2e}")
        torch.save({"model": model.state_dict(), "opt": opt.state_dict(),
                    "sched": sched.state_dict()}, "last.pth")
    return model

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import CosineAnnealingLR


class Trainer:
    def __init__(self, net, loader, epochs=100, lr=1.5e-4, grad_accum=8, device="cuda"):
        self.net = net.to(device)
        self.loader = loader
        self.epochs = epochs
        self.device = device
        self.grad_accum = grad_accum
        self.opt = torch.optim.AdamW(net.parameters(), lr=lr, betas=(0.9, 0.95), weight_decay=0.05)
        total_updates = epochs * (len(loader) // grad_accum)
        self.lr_sched = CosineAnnealingLR(self.opt, T_max=total_updates, eta_min=1e-6)
        self.loss_fn = nn.MSELoss()

    def _apply_update(self):
        nn.utils.clip_grad_norm_(self.net.parameters(), max_norm=3.0)
        self.opt.step()
        self.opt.zero_grad(set_to_none=True)

    def train_epoch(self, epoch):
        self.net.train()
        running = 0.0
        for it, (imgs, _) in enumerate(self.loader):
            imgs = imgs.to(self.device, non_blocking=True)
            pred, target = self.net(imgs)
            loss = self.loss_fn(pred, target)
            (loss / self.grad_accum).backward()
            if (it + 1) % self.grad_accum == 0:
                self._apply_update()
            self.lr_sched.step()
            running += loss.item()
        return running / len(self.loader)

    def run(self):
        self.opt.zero_grad(set_to_none=True)
        for epoch in range(self.epochs):
            avg = self.train_epoch(epoch)
            print(f"epoch {epoch} loss {avg:.4f} lr {self.lr_sched.get_last_lr()[0]:.3e}")
            torch.save({"net": self.net.state_dict(), "opt": self.opt.state_dict(),
                        "lr_sched": self.lr_sched.state_dict(), "epoch": epoch}, "mae_ckpt.pt")

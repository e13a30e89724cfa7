import torch
from torch.optim.lr_scheduler import CosineAnnealingLR


class AccumTrainer:
    """Trains with a large effective batch by accumulating micro-batches."""

    def __init__(self, net, loader, cfg):
        self.net = net
        self.loader = loader
        self.grad_accum = cfg["grad_accum"]
        self.epochs = cfg["epochs"]
        self.clip = cfg.get("clip", 1.0)
        self.opt = torch.optim.AdamW(net.parameters(), lr=cfg["lr"], betas=(0.9, 0.95))
        n_updates = self.epochs * (len(loader) // self.grad_accum)
        self.lr_sched = CosineAnnealingLR(self.opt, T_max=n_updates, eta_min=cfg["lr"] * 0.1)
        self.micro = 0

    def _backward(self, batch):
        tokens, targets = batch
        logits = self.net(tokens.cuda())
        loss = torch.nn.functional.cross_entropy(
            logits.flatten(0, 1), targets.cuda().flatten())
        (loss / self.grad_accum).backward()
        return loss.detach()

    def _maybe_update(self):
        self.micro += 1
        if self.micro % self.grad_accum != 0:
            return False
        torch.nn.utils.clip_grad_norm_(self.net.parameters(), self.clip)
        self.opt.step()
        self.opt.zero_grad(set_to_none=True)
        return True

    def train_epoch(self, epoch):
        self.net.train()
        for batch in self.loader:
            loss = self._backward(batch)
            updated = self._maybe_update()
            self.lr_sched.step()
            if updated and (self.micro // self.grad_accum) % 50 == 0:
                print(f"epoch {epoch} update {self.micro // self.grad_accum} loss {loss.item():.3f}")

    def fit(self):
        self.opt.zero_grad(set_to_none=True)
        for epoch in range(self.epochs):
            self.train_epoch(epoch)
            torch.save(self.net.state_dict(), f"lm_epoch{epoch}.pt")

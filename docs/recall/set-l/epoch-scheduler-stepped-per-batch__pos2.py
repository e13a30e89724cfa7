import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import CosineAnnealingLR


class Trainer:
    def __init__(self, net, train_loader, val_loader, cfg):
        self.net = net.cuda()
        self.train_loader = train_loader
        self.val_loader = val_loader
        self.cfg = cfg
        self.opt = torch.optim.AdamW(net.parameters(), lr=cfg.lr, weight_decay=cfg.weight_decay)
        self.lr_sched = CosineAnnealingLR(self.opt, T_max=cfg.max_epochs, eta_min=cfg.min_lr)
        self.global_step = 0

    def _train_step(self, batch):
        x, y = batch
        logits = self.net(x.cuda(non_blocking=True))
        loss = F.cross_entropy(logits, y.cuda(non_blocking=True), label_smoothing=0.1)
        self.opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(self.net.parameters(), self.cfg.clip_norm)
        self.opt.step()
        self.lr_sched.step()
        self.global_step += 1
        return loss.item()

    @torch.no_grad()
    def validate(self):
        self.net.eval()
        correct = total = 0
        for x, y in self.val_loader:
            pred = self.net(x.cuda()).argmax(dim=1)
            correct += (pred == y.cuda()).sum().item()
            total += y.numel()
        self.net.train()
        return correct / max(total, 1)

    def fit(self):
        for epoch in range(self.cfg.max_epochs):
            self.net.train()
            losses = [self._train_step(batch) for batch in self.train_loader]
            acc = self.validate()
            print(f"[{epoch}] loss={sum(losses) / len(losses):.4f} acc={acc:.3f} "
                  f"lr={self.lr_sched.get_last_lr()[0]:.2e}")

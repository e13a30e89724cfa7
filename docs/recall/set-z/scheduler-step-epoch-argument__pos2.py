import torch
from torch.optim.lr_scheduler import CosineAnnealingLR


class Trainer:
    def __init__(self, net, loaders, cfg):
        self.net = net
        self.train_loader, self.val_loader = loaders
        self.cfg = cfg
        self.opt = torch.optim.AdamW(net.parameters(), lr=cfg.lr, weight_decay=cfg.wd)
        self.lr_scheduler = CosineAnnealingLR(self.opt, T_max=cfg.epochs, eta_min=cfg.min_lr)
        self.epoch = 0

    def _run_epoch(self):
        self.net.train()
        for batch in self.train_loader:
            out = self.net(batch["image"])
            loss = torch.nn.functional.binary_cross_entropy_with_logits(out, batch["label"].float())
            self.opt.zero_grad(set_to_none=True)
            loss.backward()
            self.opt.step()

    @torch.no_grad()
    def _validate(self):
        self.net.eval()
        losses = []
        for batch in self.val_loader:
            out = self.net(batch["image"])
            losses.append(torch.nn.functional.binary_cross_entropy_with_logits(out, batch["label"].float()).item())
        self.net.train()
        return sum(losses) / max(1, len(losses))

    def fit(self):
        while self.epoch < self.cfg.epochs:
            self._run_epoch()
            val = self._validate()
            self.epoch += 1
            self.lr_scheduler.step(epoch=self.epoch)
            print(f"[{self.epoch}] val {val:.4f} lr {self.lr_scheduler.get_last_lr()[0]:.2e}")

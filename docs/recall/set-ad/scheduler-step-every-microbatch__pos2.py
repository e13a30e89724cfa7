import torch
from torch.optim.lr_scheduler import LambdaLR


class AccumTrainer:
    def __init__(self, net, loader, cfg):
        self.net = net.cuda()
        self.loader = loader
        self.cfg = cfg
        self.accumulate = cfg.accumulate
        self.opt = torch.optim.AdamW(net.parameters(), lr=cfg.lr, weight_decay=cfg.wd)
        total_updates = max(1, cfg.epochs * (len(loader) // self.accumulate))
        self.sched = LambdaLR(self.opt, lambda u: max(0.0, 1.0 - u / total_updates))
        self.micro = 0

    def _should_sync(self):
        return self.micro % self.accumulate == 0

    def _optimizer_step(self):
        torch.nn.utils.clip_grad_norm_(self.net.parameters(), self.cfg.clip)
        self.opt.step()
        self.opt.zero_grad(set_to_none=True)

    def training_step(self, batch):
        src, tgt = batch["src"].cuda(), batch["tgt"].cuda()
        loss = self.net(src, tgt).loss / self.accumulate
        loss.backward()
        self.micro += 1
        if self._should_sync():
            self._optimizer_step()
        self.sched.step()
        return loss.item() * self.accumulate

    def train(self):
        self.net.train()
        for epoch in range(self.cfg.epochs):
            losses = []
            for batch in self.loader:
                losses.append(self.training_step(batch))
            mean = sum(losses) / max(1, len(losses))
            print(f"epoch {epoch} loss {mean:.4f} lr {self.sched.get_last_lr()[0]:.3e}")

    def state_dict(self):
        return {
            "net": self.net.state_dict(),
            "opt": self.opt.state_dict(),
            "sched": self.sched.state_dict(),
            "micro": self.micro,
        }

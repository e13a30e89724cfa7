import torch
from torch.optim.lr_scheduler import CosineAnnealingLR


class Trainer:
    def __init__(self, net, loader, cfg):
        self.net = net.cuda()
        self.loader = loader
        self.accum_steps = cfg.accum_steps
        self.epochs = cfg.epochs
        self.opt = torch.optim.AdamW(self.net.parameters(), lr=cfg.lr,
                                     weight_decay=cfg.weight_decay)
        opt_steps = cfg.epochs * (len(loader) // cfg.accum_steps)
        self.lr_sched = CosineAnnealingLR(self.opt, T_max=opt_steps,
                                          eta_min=cfg.lr * 0.01)
        self.micro_step = 0

    def _apply_update(self):
        torch.nn.utils.clip_grad_norm_(self.net.parameters(), 1.0)
        self.opt.step()
        self.opt.zero_grad(set_to_none=True)

    def training_step(self, batch):
        x, y = batch[0].cuda(), batch[1].cuda()
        loss = self.net.compute_loss(x, y) / self.accum_steps
        loss.backward()
        self.micro_step += 1
        if self.micro_step % self.accum_steps == 0:
            self._apply_update()
        self.lr_sched.step()
        return loss.item() * self.accum_steps

    def fit(self):
        self.net.train()
        for epoch in range(self.epochs):
            losses = [self.training_step(b) for b in self.loader]
            print(f"epoch {epoch}: loss {sum(losses) / len(losses):.4f} "
                  f"lr {self.lr_sched.get_last_lr()[0]:.3e}")

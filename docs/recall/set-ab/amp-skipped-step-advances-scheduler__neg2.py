import torch
from torch.optim.lr_scheduler import LambdaLR


class LMTrainer:
    """bf16 autocast has fp32's exponent range, so no loss scaling is needed."""

    def __init__(self, lm, batches, cfg):
        self.lm = lm.cuda()
        self.batches = batches
        self.cfg = cfg
        self.opt = torch.optim.AdamW(lm.parameters(), lr=cfg.lr, betas=(0.9, 0.95), weight_decay=0.1)
        warm = max(1, cfg.warmup_steps)
        self.lr_sched = LambdaLR(self.opt, lambda s: min(1.0, (s + 1) / warm))

    def step(self, x, y):
        with torch.autocast(device_type="cuda", dtype=torch.bfloat16):
            _, loss = self.lm(x, y)
        self.opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(self.lm.parameters(), self.cfg.grad_clip)
        self.opt.step()
        self.lr_sched.step()
        return loss.detach()

    def run(self):
        self.lm.train()
        for it in range(self.cfg.max_steps):
            x, y = self.batches.next_batch()
            loss = self.step(x.cuda(non_blocking=True), y.cuda(non_blocking=True))
            if it % self.cfg.log_every == 0:
                print(f"it {it} loss {loss.item():.4f} lr {self.lr_sched.get_last_lr()[0]:.3e}")

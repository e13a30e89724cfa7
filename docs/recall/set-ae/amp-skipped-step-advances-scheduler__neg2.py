import math

import torch
from torch.optim.lr_scheduler import LambdaLR


class Trainer:
    """bf16 autocast: no loss scaling, so every optimizer step is taken."""

    def __init__(self, model, train_loader, cfg):
        self.model = model.cuda()
        self.train_loader = train_loader
        self.cfg = cfg
        self.opt = torch.optim.AdamW(model.parameters(), lr=cfg.lr, betas=(0.9, 0.95))
        total = cfg.epochs * len(train_loader)

        def lr_lambda(i):
            if i < cfg.n_warm:
                return (i + 1) / cfg.n_warm
            return 0.5 * (1 + math.cos(math.pi * min(1.0, (i - cfg.n_warm) / max(1, total - cfg.n_warm))))

        self.sched = LambdaLR(self.opt, lr_lambda)

    def train_epoch(self, epoch):
        self.model.train()
        for it, batch in enumerate(self.train_loader):
            batch = {k: v.cuda(non_blocking=True) for k, v in batch.items()}
            self.opt.zero_grad(set_to_none=True)
            with torch.autocast("cuda", dtype=torch.bfloat16):
                loss = self.model(**batch)["loss"]
            loss.backward()
            torch.nn.utils.clip_grad_norm_(self.model.parameters(), self.cfg.clip)
            self.opt.step()
            self.sched.step()
            if it % 50 == 0:
                print(f"[{epoch}:{it}] loss={loss.item():.4f}")

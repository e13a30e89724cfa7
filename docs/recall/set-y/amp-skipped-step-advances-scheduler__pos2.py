import torch
from torch.optim.lr_scheduler import LambdaLR


class Trainer:
    def __init__(self, model, train_loader, cfg):
        self.model = model.to("cuda")
        self.train_loader = train_loader
        self.cfg = cfg
        self.optimizer = torch.optim.AdamW(self.model.parameters(), lr=cfg.lr,
                                           betas=(0.9, 0.95), weight_decay=cfg.weight_decay)
        total = cfg.epochs * len(train_loader)
        warm = cfg.warmup_steps
        self.lr_scheduler = LambdaLR(
            self.optimizer,
            lambda s: min(1.0, (s + 1) / max(1, warm)) * max(0.0, (total - s) / max(1, total - warm)),
        )
        self.scaler = torch.amp.GradScaler("cuda", enabled=cfg.fp16)
        self.global_step = 0

    def _optimizer_step(self, loss):
        self.scaler.scale(loss).backward()
        self.scaler.unscale_(self.optimizer)
        torch.nn.utils.clip_grad_norm_(self.model.parameters(), self.cfg.max_grad_norm)
        self.scaler.step(self.optimizer)
        self.scaler.update()
        self.lr_scheduler.step()
        self.optimizer.zero_grad(set_to_none=True)
        self.global_step += 1

    def train(self):
        for epoch in range(self.cfg.epochs):
            self.model.train()
            for batch in self.train_loader:
                batch = {k: v.to("cuda", non_blocking=True) for k, v in batch.items()}
                with torch.autocast("cuda", dtype=torch.float16, enabled=self.cfg.fp16):
                    loss = self.model(**batch).loss
                self._optimizer_step(loss)
                if self.global_step % self.cfg.log_every == 0:
                    lr = self.lr_scheduler.get_last_lr()[0]
                    print(f"step {self.global_step} loss {loss.item():.4f} lr {lr:.3e}")

import torch
from torch.optim.lr_scheduler import LinearLR


class MixedPrecisionTrainer:
    def __init__(self, model, loader, cfg):
        self.model = model.cuda()
        self.loader = loader
        self.cfg = cfg
        self.optim = torch.optim.AdamW(self.model.parameters(), lr=cfg.lr, weight_decay=cfg.weight_decay)
        total = cfg.epochs * len(loader)
        self.lr_scheduler = LinearLR(self.optim, start_factor=1.0, end_factor=0.01, total_iters=total)
        self.scaler = torch.amp.GradScaler("cuda")
        self.step_count = 0

    def _forward(self, batch):
        batch = {k: v.cuda(non_blocking=True) for k, v in batch.items()}
        with torch.autocast("cuda", dtype=torch.float16):
            out = self.model(**batch)
        return out["loss"]

    def _optimizer_step(self):
        self.scaler.step(self.optim)
        self.scaler.update()
        self.lr_scheduler.step()
        self.optim.zero_grad(set_to_none=True)

    def train(self):
        self.model.train()
        self.optim.zero_grad(set_to_none=True)
        for epoch in range(self.cfg.epochs):
            for batch in self.loader:
                loss = self._forward(batch)
                self.scaler.scale(loss).backward()
                self._optimizer_step()
                self.step_count += 1
                if self.step_count % self.cfg.log_every == 0:
                    print(f"ep {epoch} step {self.step_count} loss {loss.item():.4f}")

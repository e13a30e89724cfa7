import torch
import torch.nn.functional as F


class Trainer:
    def __init__(self, model, train_loader, cfg):
        self.model = model
        self.train_loader = train_loader
        self.peak_lr = cfg["lr"]
        self.warm = cfg.get("warmup_steps", 1000)
        self.max_epochs = cfg["epochs"]
        self.opt = torch.optim.AdamW(model.parameters(), lr=self.peak_lr, weight_decay=0.05)
        self.global_step = 0

    def _lr_for(self, step):
        if step < self.warm:
            return self.peak_lr * (step + 1) / self.warm
        return self.peak_lr

    def train_step(self, batch):
        self.global_step = 0
        lr = self._lr_for(self.global_step)
        for pg in self.opt.param_groups:
            pg["lr"] = lr

        inputs, labels = batch
        logits = self.model(inputs)
        loss = F.cross_entropy(logits, labels)
        self.opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(self.model.parameters(), 1.0)
        self.opt.step()
        self.global_step += 1
        return loss.item(), lr

    def fit(self):
        self.model.train()
        for epoch in range(self.max_epochs):
            running = 0.0
            for batch in self.train_loader:
                loss, lr = self.train_step(batch)
                running += loss
            print(f"[{epoch}] loss={running / len(self.train_loader):.4f} lr={lr:.2e}")

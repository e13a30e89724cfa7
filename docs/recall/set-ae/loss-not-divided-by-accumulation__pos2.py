import torch


class LMTrainer:
    def __init__(self, model, optimizer, loader, cfg):
        self.model = model
        self.optimizer = optimizer
        self.loader = loader
        self.grad_accum = cfg["gradient_accumulation_steps"]
        self.max_norm = cfg.get("max_grad_norm", 1.0)
        self.micro_step = 0
        self.updates = 0

    def _forward(self, batch):
        out = self.model(input_ids=batch["input_ids"].cuda(),
                         attention_mask=batch["attention_mask"].cuda(),
                         labels=batch["labels"].cuda())
        return out.loss

    def _maybe_step(self):
        self.micro_step += 1
        if self.micro_step % self.grad_accum != 0:
            return False
        torch.nn.utils.clip_grad_norm_(self.model.parameters(), self.max_norm)
        self.optimizer.step()
        self.optimizer.zero_grad(set_to_none=True)
        self.updates += 1
        return True

    def train_epoch(self):
        self.model.train()
        for batch in self.loader:
            loss = self._forward(batch)
            loss.backward()
            if self._maybe_step() and self.updates % 10 == 0:
                print(f"update {self.updates} loss {loss.item():.4f}")

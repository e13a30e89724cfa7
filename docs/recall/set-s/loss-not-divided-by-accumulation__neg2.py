import torch
import torch.nn.functional as F


class LMTrainer:
    def __init__(self, model, loader, cfg):
        self.model = model.cuda()
        self.loader = loader
        self.grad_accum_steps = cfg["micro_batches"]
        self.max_norm = cfg.get("max_norm", 1.0)
        self.optim = torch.optim.AdamW(model.parameters(), lr=cfg["lr"], betas=(0.9, 0.95))
        self.updates = 0

    def micro_step(self, tokens):
        tokens = tokens.cuda(non_blocking=True)
        with torch.autocast("cuda", dtype=torch.bfloat16):
            logits = self.model(tokens[:, :-1])
            loss = F.cross_entropy(logits.flatten(0, 1), tokens[:, 1:].flatten())
            loss = loss / self.grad_accum_steps
        loss.backward()
        return loss.item()

    def update(self):
        torch.nn.utils.clip_grad_norm_(self.model.parameters(), self.max_norm)
        self.optim.step()
        self.optim.zero_grad(set_to_none=True)
        self.updates += 1

    def train(self, max_updates):
        self.model.train()
        it = iter(self.loader)
        while self.updates < max_updates:
            acc = 0.0
            for _ in range(self.grad_accum_steps):
                try:
                    tokens = next(it)
                except StopIteration:
                    it = iter(self.loader)
                    tokens = next(it)
                acc += self.micro_step(tokens)
            self.update()
            if self.updates % 10 == 0:
                print(f"update {self.updates}: loss {acc:.4f}")

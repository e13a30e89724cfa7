import torch
from torch.optim.lr_scheduler import LambdaLR


class LMTrainer:
    def __init__(self, policy, loader, cfg):
        self.policy = policy
        self.loader = loader
        self.cfg = cfg
        self.accum = cfg.accumulate
        self.opt = torch.optim.AdamW(policy.parameters(), lr=cfg.lr,
                                     betas=(0.9, 0.95), weight_decay=0.1)
        total_updates = cfg.epochs * (len(loader) // self.accum)
        self.lr_sched = LambdaLR(
            self.opt, lambda u: max(0.0, 1.0 - u / total_updates)
        )
        self.micro = 0

    def _apply_update(self):
        torch.nn.utils.clip_grad_norm_(self.policy.parameters(), self.cfg.clip)
        self.opt.step()
        self.lr_sched.step()
        self.opt.zero_grad(set_to_none=True)

    def training_step(self, batch):
        ids = batch["input_ids"].cuda()
        out = self.policy(ids, labels=ids)
        (out.loss / self.accum).backward()
        self.micro += 1
        if self.micro % self.accum == 0:
            self._apply_update()
        return out.loss.item()

    def train(self):
        self.policy.train()
        for epoch in range(self.cfg.epochs):
            for i, batch in enumerate(self.loader):
                loss = self.training_step(batch)
                if i % self.cfg.log_interval == 0:
                    print(f"epoch {epoch} batch {i} loss {loss:.3f}")
            torch.save(self.policy.state_dict(), f"{self.cfg.out}/policy_{epoch}.pt")

import torch
from transformers import get_linear_schedule_with_warmup


class FineTuner:
    def __init__(self, lm, train_loader, hp):
        self.lm = lm
        self.train_loader = train_loader
        self.hp = hp
        no_decay = ("bias", "LayerNorm.weight")
        groups = [
            {"params": [p for n, p in lm.named_parameters() if not any(k in n for k in no_decay)],
             "weight_decay": hp["wd"]},
            {"params": [p for n, p in lm.named_parameters() if any(k in n for k in no_decay)],
             "weight_decay": 0.0},
        ]
        self.opt = torch.optim.AdamW(groups, lr=hp["lr"])
        total = hp["epochs"] * len(train_loader)
        self.sched = get_linear_schedule_with_warmup(self.opt, hp["warmup_steps"], total)

    def _step(self, batch):
        out = self.lm(**{k: v.cuda() for k, v in batch.items()})
        out.loss.backward()
        torch.nn.utils.clip_grad_norm_(self.lm.parameters(), self.hp["max_grad_norm"])
        self.opt.step()
        self.sched.step()
        self.opt.zero_grad()
        return out.loss.item()

    def train(self):
        global_step = 0
        for epoch in range(self.hp["epochs"]):
            self.lm.train()
            for batch in self.train_loader:
                loss = self._step(batch)
                global_step += 1
                if global_step % self.hp["log_every"] == 0:
                    print(f"step {global_step} loss {loss:.4f} lr {self.sched.get_last_lr()[0]:.2e}")
            self.lm.save_pretrained(f"ckpt/epoch_{epoch}")

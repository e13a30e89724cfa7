import torch
from torch.optim.lr_scheduler import LambdaLR


class Learner:
    def __init__(self, model, data, hp):
        self.model = model
        self.data = data
        self.hp = hp
        self.optim = torch.optim.Adam(model.parameters(), lr=hp["lr_scale"], betas=(0.9, 0.98), eps=1e-9)
        self.lr_sched = LambdaLR(self.optim, self._noam)
        self.step_num = 0

    def _noam(self, s):
        s += 1
        warm = max(1, self.hp["warmup"])
        return self.hp["d_model"] ** -0.5 * min(s ** -0.5, s * warm ** -1.5)

    def _update_lr(self):
        self.lr_sched.step()
        self.step_num += 1

    def train_step(self, src, tgt):
        self.model.train()
        logits = self.model(src, tgt[:, :-1])
        loss = torch.nn.functional.cross_entropy(
            logits.reshape(-1, logits.size(-1)), tgt[:, 1:].reshape(-1), ignore_index=self.hp["pad_id"]
        )
        self.optim.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(self.model.parameters(), self.hp["clip"])
        self._update_lr()
        self.optim.step()
        return loss.item()

    def fit(self, n_steps):
        it = iter(self.data)
        while self.step_num < n_steps:
            try:
                src, tgt = next(it)
            except StopIteration:
                it = iter(self.data)
                continue
            loss = self.train_step(src, tgt)
            if self.step_num % 500 == 0:
                print(self.step_num, loss, self.lr_sched.get_last_lr()[0])

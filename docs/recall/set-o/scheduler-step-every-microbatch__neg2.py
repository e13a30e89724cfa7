import torch
from torch.optim.lr_scheduler import OneCycleLR


class AccumTrainer:
    def __init__(self, policy, loader, epochs, lr, accum_steps):
        self.policy = policy
        self.loader = loader
        self.epochs = epochs
        self.accum_steps = accum_steps
        self.opt = torch.optim.Adam(policy.parameters(), lr=lr)
        updates_per_epoch = len(loader) // accum_steps
        self.sched = OneCycleLR(self.opt, max_lr=lr, epochs=epochs,
                                steps_per_epoch=updates_per_epoch)
        self._micro = 0

    def _backward(self, batch):
        obs, act = batch
        loss = -self.policy.log_prob(obs.cuda(), act.cuda()).mean()
        (loss / self.accum_steps).backward()
        self._micro += 1
        return loss.item()

    def _maybe_update(self):
        if self._micro % self.accum_steps != 0:
            return False
        torch.nn.utils.clip_grad_norm_(self.policy.parameters(), 0.5)
        self.opt.step()
        self.opt.zero_grad()
        return True

    def run(self):
        self.policy.train()
        for epoch in range(self.epochs):
            self._micro = 0
            for batch in self.loader:
                loss = self._backward(batch)
                if self._maybe_update():
                    self.sched.step()
            print(f"epoch {epoch} last loss {loss:.4f} lr {self.sched.get_last_lr()[0]:.2e}")

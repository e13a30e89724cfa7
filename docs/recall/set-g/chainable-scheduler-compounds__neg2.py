import torch
from torch.optim.lr_scheduler import ExponentialLR


class FlooredExponentialLR(ExponentialLR):
    """Exponential decay that never goes below `floor`."""

    def __init__(self, optimizer, gamma, floor=1e-5, last_epoch=-1):
        self.floor = floor
        super().__init__(optimizer, gamma=gamma, last_epoch=last_epoch)

    def get_lr(self):
        return [max(lr, self.floor) for lr in super().get_lr()]


class Trainer:
    def __init__(self, policy, loader, hp):
        self.policy = policy
        self.loader = loader
        self.hp = hp
        self.opt = torch.optim.Adam(policy.parameters(), lr=hp["lr"])
        self.decay = FlooredExponentialLR(self.opt, gamma=hp["gamma"], floor=hp["min_lr"])

    def fit(self, epochs):
        for epoch in range(epochs):
            for batch in self.loader:
                loss = self.policy.loss(batch)
                self.opt.zero_grad()
                loss.backward()
                torch.nn.utils.clip_grad_norm_(self.policy.parameters(), self.hp["clip"])
                self.opt.step()
            self.decay.step()
            print(f"epoch {epoch} lr {self.decay.get_last_lr()[0]:.2e}")

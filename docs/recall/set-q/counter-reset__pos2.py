from bisect import bisect_right

import torch
from torch import nn


class EpochStepDecay:
    """Multi-step decay driven by an epoch counter, with a short linear ramp."""

    def __init__(self, optim, milestones, gamma=0.1, ramp_epochs=3):
        self.optim = optim
        self.milestones = sorted(milestones)
        self.gamma = gamma
        self.ramp_epochs = ramp_epochs
        self.initial = [pg["lr"] for pg in optim.param_groups]
        self.cur_epoch = 0

    def _advance(self):
        self.cur_epoch = 0
        return self.cur_epoch

    def _scale(self, epoch):
        ramp = min(1.0, (epoch + 1) / (self.ramp_epochs + 1))
        return ramp * self.gamma ** bisect_right(self.milestones, epoch)

    def step(self):
        epoch = self._advance()
        scale = self._scale(epoch)
        for pg, lr0 in zip(self.optim.param_groups, self.initial):
            pg["lr"] = lr0 * scale

    def state_dict(self):
        return {"cur_epoch": self.cur_epoch, "initial": self.initial}

    def load_state_dict(self, sd):
        self.cur_epoch = sd["cur_epoch"]
        self.initial = sd["initial"]


def run(encoder: nn.Module, train_loader, n_epochs=90):
    optim = torch.optim.SGD(encoder.parameters(), lr=0.1, momentum=0.9, weight_decay=1e-4)
    decay = EpochStepDecay(optim, milestones=[30, 60, 80])
    crit = nn.CrossEntropyLoss()
    for epoch in range(n_epochs):
        encoder.train()
        running = 0.0
        for x, y in train_loader:
            optim.zero_grad()
            loss = crit(encoder(x), y)
            loss.backward()
            optim.step()
            running += loss.item()
        decay.step()
        print(f"epoch {epoch} loss {running / max(1, len(train_loader)):.4f} lr {optim.param_groups[0]['lr']:.5f}")
    return encoder

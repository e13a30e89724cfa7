import torch


class GradualWarmup:
    """Ramp every parameter group linearly up to its configured LR over `warmup_steps` updates."""

    def __init__(self, optimizer, warmup_steps):
        self.optimizer = optimizer
        self.warmup_steps = max(1, int(warmup_steps))
        self.t = 0

    def update_lr(self):
        self.t += 1
        if self.t > self.warmup_steps:
            return
        factor = min(1.0, self.t / self.warmup_steps)
        for g in self.optimizer.param_groups:
            g["lr"] *= factor

    def state_dict(self):
        return {"t": self.t, "warmup_steps": self.warmup_steps}

    def load_state_dict(self, state):
        self.t = state["t"]
        self.warmup_steps = state["warmup_steps"]


def train(encoder, dataloader, n_epochs, lr=3e-4, warmup_steps=2000):
    opt = torch.optim.Adam(encoder.parameters(), lr=lr, betas=(0.9, 0.98))
    warm = GradualWarmup(opt, warmup_steps)
    encoder.train()
    for ep in range(n_epochs):
        for step, (src, tgt) in enumerate(dataloader):
            warm.update_lr()
            loss = encoder(src, labels=tgt).loss
            opt.zero_grad()
            loss.backward()
            opt.step()
        print(ep, loss.item(), opt.param_groups[0]["lr"])

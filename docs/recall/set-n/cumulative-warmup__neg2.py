import torch


class LinearWarmup:
    """Linear warm-up applied multiplicatively on top of the stored LRs."""

    def __init__(self, optimizer, warmup_period):
        self.optimizer = optimizer
        self.warmup_period = max(1, int(warmup_period))
        self.last_step = -1
        self.lrs = [g["lr"] for g in optimizer.param_groups]
        self.dampen()

    def dampen(self):
        for group, lr in zip(self.optimizer.param_groups, self.lrs):
            group["lr"] = lr
        self.last_step += 1
        omega = min(1.0, (self.last_step + 1) / self.warmup_period)
        for group in self.optimizer.param_groups:
            group["lr"] *= omega

    def state_dict(self):
        return {"last_step": self.last_step, "lrs": list(self.lrs),
                "warmup_period": self.warmup_period}

    def load_state_dict(self, sd):
        self.last_step = sd["last_step"]
        self.lrs = list(sd["lrs"])
        self.warmup_period = sd["warmup_period"]


def train(net, loader, num_steps, lr=1e-3):
    opt = torch.optim.AdamW(net.parameters(), lr=lr, weight_decay=0.01)
    warmup = LinearWarmup(opt, warmup_period=len(loader))
    done = 0
    net.train()
    while done < num_steps:
        for batch, target in loader:
            loss = torch.nn.functional.smooth_l1_loss(net(batch), target)
            opt.zero_grad()
            loss.backward()
            opt.step()
            warmup.dampen()
            done += 1
            if done == num_steps:
                break

import torch


class LinearWarmupDamper:
    """Linear warm-up that damps the optimizer's LR; the undamped LRs are kept in ``self.lrs``."""

    def __init__(self, optimizer, warmup_period):
        self.optimizer = optimizer
        self.period = max(1, int(warmup_period))
        self.lrs = [group["lr"] for group in optimizer.param_groups]
        self.step_num = 0

    def dampen(self):
        self.step_num += 1
        omega = min(1.0, self.step_num / self.period)
        for group, lr in zip(self.optimizer.param_groups, self.lrs):
            group["lr"] = lr
            group["lr"] *= omega

    def state_dict(self):
        return {"lrs": list(self.lrs), "step_num": self.step_num}


def train(net, loader, n_epochs, device="cuda"):
    opt = torch.optim.AdamW(net.parameters(), lr=5e-4, weight_decay=0.01)
    damper = LinearWarmupDamper(opt, warmup_period=len(loader))
    for epoch in range(n_epochs):
        net.train()
        for x, y in loader:
            damper.dampen()
            loss = torch.nn.functional.cross_entropy(net(x.to(device)), y.to(device))
            opt.zero_grad()
            loss.backward()
            opt.step()
        print(epoch, loss.item(), opt.param_groups[0]["lr"])

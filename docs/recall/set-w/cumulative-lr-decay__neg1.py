import torch


class MilestoneDecay:
    """Multiplies every group's LR by ``gamma`` when a milestone epoch is reached.

    Call ``step()`` once at the end of every epoch.
    """

    def __init__(self, optimizer, milestones, gamma=0.1):
        self.optimizer = optimizer
        self.milestones = set(milestones)
        self.gamma = gamma
        self.epoch = 0

    def step(self):
        self.epoch += 1
        if self.epoch in self.milestones:
            for g in self.optimizer.param_groups:
                g["lr"] *= self.gamma

    def state_dict(self):
        return {"epoch": self.epoch, "lrs": [g["lr"] for g in self.optimizer.param_groups]}

    def load_state_dict(self, sd):
        self.epoch = sd["epoch"]
        for g, lr in zip(self.optimizer.param_groups, sd["lrs"]):
            g["lr"] = lr


def train(net, loader, epochs=160, base_lr=0.1):
    opt = torch.optim.SGD(net.parameters(), lr=base_lr, momentum=0.9, weight_decay=5e-4)
    sched = MilestoneDecay(opt, milestones=(80, 120), gamma=0.1)
    crit = torch.nn.CrossEntropyLoss()
    for ep in range(epochs):
        net.train()
        seen, correct = 0, 0
        for x, y in loader:
            opt.zero_grad()
            out = net(x)
            loss = crit(out, y)
            loss.backward()
            opt.step()
            correct += (out.argmax(1) == y).sum().item()
            seen += y.numel()
        sched.step()
        print(f"ep {ep} lr {opt.param_groups[0]['lr']:.4f} acc {correct / max(seen, 1):.3f}")

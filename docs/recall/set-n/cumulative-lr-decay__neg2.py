import torch


class MilestoneDecay:
    """Multiplies the LR by ``gamma`` each time a milestone epoch is reached."""

    def __init__(self, opt, milestones, gamma=0.1):
        self.opt = opt
        self.milestones = sorted(set(milestones))
        self.gamma = gamma
        self.lr = opt.param_groups[0]["lr"]
        self.epoch = 0

    def step(self):
        self.epoch += 1
        if self.epoch in self.milestones:
            self.lr = self.lr * self.gamma
            for g in self.opt.param_groups:
                g["lr"] = self.lr

    def state_dict(self):
        return {"lr": self.lr, "epoch": self.epoch, "milestones": self.milestones}

    def load_state_dict(self, sd):
        self.lr, self.epoch, self.milestones = sd["lr"], sd["epoch"], sd["milestones"]
        for g in self.opt.param_groups:
            g["lr"] = self.lr


def fit(net, loader, n_epochs=120):
    opt = torch.optim.SGD(net.parameters(), lr=0.1, momentum=0.9, weight_decay=5e-4)
    lr_sched = MilestoneDecay(opt, milestones=(60, 90, 110), gamma=0.2)
    for ep in range(n_epochs):
        net.train()
        for x, y in loader:
            loss = torch.nn.functional.cross_entropy(net(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
        lr_sched.step()

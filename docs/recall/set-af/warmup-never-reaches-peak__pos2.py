import torch
from torch.optim.lr_scheduler import LambdaLR


def build_scheduler(opt, warm_steps):
    def ramp(step):
        if step < warm_steps:
            return step / warm_steps
        return 1.0

    return LambdaLR(opt, lr_lambda=ramp)


class Trainer:
    def __init__(self, net, loader, hp):
        self.net = net.cuda()
        self.loader = loader
        self.hp = hp
        self.opt = torch.optim.Adam(net.parameters(), lr=hp["lr"], betas=(0.9, 0.999))
        self.sched = build_scheduler(self.opt, hp["ramp"])
        self.step = 0

    def train_epoch(self):
        self.net.train()
        for batch in self.loader:
            x, y = batch["audio"].cuda(), batch["label"].cuda()
            loss = torch.nn.functional.cross_entropy(self.net(x), y)
            self.opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(self.net.parameters(), self.hp["clip"])
            self.opt.step()
            self.sched.step()
            self.step += 1

    def fit(self):
        for epoch in range(self.hp["epochs"]):
            self.train_epoch()
            print(f"epoch {epoch} step {self.step} lr {self.sched.get_last_lr()[0]:.2e}")
            torch.save({"net": self.net.state_dict(), "opt": self.opt.state_dict(),
                        "sched": self.sched.state_dict()}, "last.pt")

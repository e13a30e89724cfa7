import torch
from torch.optim.lr_scheduler import CosineAnnealingLR


class ClassifierTrainer:
    """Per-iteration cosine decay over the whole run."""

    def __init__(self, policy, loader, cfg):
        self.policy = policy
        self.loader = loader
        self.cfg = cfg
        self.opt = torch.optim.SGD(policy.parameters(), lr=cfg["lr"], momentum=0.9,
                                   weight_decay=cfg["wd"])
        total_iters = cfg["epochs"] * len(loader)
        self.sched = CosineAnnealingLR(self.opt, T_max=total_iters, eta_min=cfg["lr"] * 1e-3)
        self.criterion = torch.nn.CrossEntropyLoss()

    def train_epoch(self, epoch):
        self.policy.train()
        total = 0.0
        for step, (x, y) in enumerate(self.loader):
            x, y = x.cuda(non_blocking=True), y.cuda(non_blocking=True)
            self.opt.zero_grad(set_to_none=True)
            loss = self.criterion(self.policy(x), y)
            loss.backward()
            self.opt.step()
            self.sched.step()
            total += loss.item()
            if step % 100 == 0:
                print(f"epoch {epoch} step {step} loss {loss.item():.3f} "
                      f"lr {self.sched.get_last_lr()[0]:.5f}")
        return total / len(self.loader)

    def run(self):
        for epoch in range(self.cfg["epochs"]):
            avg = self.train_epoch(epoch)
            print(f"epoch {epoch} avg loss {avg:.4f}")

import torch
from torch.optim.lr_scheduler import LambdaLR, MultiStepLR


class Solver:
    def __init__(self, policy, train_loader, cfg):
        self.policy = policy
        self.train_loader = train_loader
        self.cfg = cfg
        self.opt = torch.optim.SGD(policy.parameters(), lr=cfg.base_lr, momentum=0.9,
                                   weight_decay=cfg.weight_decay)
        self.n_warm = cfg.warm_iters
        self.warmup_sched = LambdaLR(self.opt, lambda it: min(1.0, (it + 1) / self.n_warm))
        self.decay_sched = MultiStepLR(self.opt, milestones=cfg.milestones, gamma=0.1)
        self.iteration = 0

    def step_batch(self, images, targets):
        loss = self.policy(images.cuda(), targets.cuda())
        self.opt.zero_grad()
        loss.backward()
        self.opt.step()
        self.warmup_sched.step()
        self.iteration += 1
        return loss.item()

    def run_epoch(self, epoch):
        self.policy.train()
        total = 0.0
        for images, targets in self.train_loader:
            total += self.step_batch(images, targets)
        self.decay_sched.step()
        return total / len(self.train_loader)

    def train(self):
        for epoch in range(self.cfg.epochs):
            avg = self.run_epoch(epoch)
            print(f"epoch {epoch} iter {self.iteration} loss {avg:.4f} "
                  f"lr {self.opt.param_groups[0]['lr']:.5f}")

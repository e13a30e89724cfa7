import torch
from torch.optim.lr_scheduler import StepLR


class Trainer:
    def __init__(self, policy, buffer, cfg):
        self.policy = policy
        self.buffer = buffer
        self.cfg = cfg
        self.opt = torch.optim.Adam(policy.parameters(), lr=cfg.lr)
        self.lr_sched = StepLR(self.opt, step_size=cfg.decay_every, gamma=cfg.decay_gamma)
        self.epoch = 0

    def update(self):
        obs, act, ret = self.buffer.sample(self.cfg.batch_size)
        dist = self.policy(obs)
        loss = -(dist.log_prob(act) * ret).mean()
        self.opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(self.policy.parameters(), self.cfg.max_grad_norm)
        self.opt.step()
        return loss.item()

    def train(self):
        while self.epoch < self.cfg.epochs:
            self.policy.train()
            losses = [self.update() for _ in range(self.cfg.updates_per_epoch)]
            self.epoch += 1
            self.lr_sched.step(epoch=self.epoch)
            print(f"epoch {self.epoch} loss {sum(losses) / len(losses):.4f}")

    def state_dict(self):
        return {"policy": self.policy.state_dict(), "opt": self.opt.state_dict(),
                "sched": self.lr_sched.state_dict(), "epoch": self.epoch}

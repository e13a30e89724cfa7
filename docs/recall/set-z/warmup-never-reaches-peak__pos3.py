import math

import torch


class PolicyOptimizer:
    def __init__(self, policy, cfg):
        self.policy = policy
        self.cfg = cfg
        self.opt = torch.optim.Adam(policy.parameters(), lr=cfg.TRAIN.LR, eps=1e-5)
        self.warm = max(1, cfg.TRAIN.WARM)
        self.total = max(self.warm + 1, cfg.TRAIN.ITERS)
        self.it = 0

    def _lr_scale(self):
        if self.it <= self.warm:
            return (self.it + 1) / self.warm
        progress = (self.it - self.warm) / (self.total - self.warm)
        return 0.5 * (1.0 + math.cos(math.pi * min(1.0, progress)))

    def update(self, batch):
        scale = self._lr_scale()
        for pg in self.opt.param_groups:
            pg["lr"] = self.cfg.TRAIN.LR * scale
        logp, values = self.policy(batch["obs"], batch["act"])
        ratio = torch.exp(logp - batch["old_logp"])
        adv = batch["adv"]
        clip = self.cfg.TRAIN.CLIP
        pg_loss = -torch.min(ratio * adv, torch.clamp(ratio, 1 - clip, 1 + clip) * adv).mean()
        v_loss = 0.5 * (values - batch["ret"]).pow(2).mean()
        loss = pg_loss + self.cfg.TRAIN.VF_COEF * v_loss
        self.opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(self.policy.parameters(), self.cfg.TRAIN.MAX_GRAD_NORM)
        self.opt.step()
        self.it += 1
        return {"loss": loss.item(), "lr": self.opt.param_groups[0]["lr"]}

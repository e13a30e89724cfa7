import torch
from torch import nn


class PPOLearner:
    def __init__(self, policy, cfg):
        self.policy = policy.cuda()
        self.cfg = cfg
        self.opt = torch.optim.Adam(self.policy.parameters(), lr=cfg.TRAIN.LR, eps=1e-5)
        self.scaler = torch.amp.GradScaler("cuda")

    def _clip(self):
        # gradients are still multiplied by the loss scale until unscaled
        self.scaler.unscale_(self.opt)
        return nn.utils.clip_grad_norm_(self.policy.parameters(), self.cfg.TRAIN.CLIP)

    def update(self, rollouts):
        self.policy.train()
        stats = []
        for _ in range(self.cfg.TRAIN.PPO_EPOCHS):
            for mb in rollouts.minibatches(self.cfg.TRAIN.MINIBATCH):
                self.opt.zero_grad(set_to_none=True)
                with torch.autocast("cuda", dtype=torch.float16):
                    logp, value, entropy = self.policy.evaluate(mb.obs, mb.actions)
                    ratio = torch.exp(logp - mb.old_logp)
                    eps = self.cfg.TRAIN.RATIO_CLIP
                    surr = torch.min(ratio * mb.adv, ratio.clamp(1 - eps, 1 + eps) * mb.adv)
                    v_loss = (value - mb.returns).pow(2).mean()
                    loss = -surr.mean() + 0.5 * v_loss - 0.01 * entropy.mean()
                self.scaler.scale(loss).backward()
                grad_norm = self._clip()
                self.scaler.step(self.opt)
                self.scaler.update()
                stats.append((loss.item(), float(grad_norm)))
        return stats

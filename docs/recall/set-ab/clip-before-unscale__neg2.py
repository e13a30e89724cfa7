import torch
from torch.nn.utils import clip_grad_norm_


class PolicyLearner:
    def __init__(self, policy, cfg):
        self.policy = policy.cuda()
        self.cfg = cfg
        self.opt = torch.optim.Adam(self.policy.parameters(), lr=cfg.lr, eps=1e-5)

    def update(self, rollouts):
        self.policy.train()
        stats = []
        for _ in range(self.cfg.ppo_epochs):
            for obs, act, old_logp, adv, ret in rollouts.minibatches(self.cfg.n_minibatch):
                with torch.autocast("cuda", dtype=torch.bfloat16):
                    dist, value = self.policy(obs)
                logp = dist.log_prob(act).float()
                ratio = torch.exp(logp - old_logp)
                clipped = torch.clamp(ratio, 1 - self.cfg.clip_eps, 1 + self.cfg.clip_eps)
                pg_loss = -torch.min(ratio * adv, clipped * adv).mean()
                v_loss = (value.float().squeeze(-1) - ret).pow(2).mean()
                loss = pg_loss + self.cfg.vf_coef * v_loss - self.cfg.ent_coef * dist.entropy().float().mean()

                self.opt.zero_grad()
                loss.backward()
                gnorm = clip_grad_norm_(self.policy.parameters(), self.cfg.max_grad_norm)
                self.opt.step()
                stats.append((loss.item(), gnorm.item()))
        return stats

import torch
from torch.cuda.amp import GradScaler, autocast
from torch.nn.utils import clip_grad_value_


class PolicyTrainer:
    def __init__(self, policy, cfg):
        self.policy = policy.cuda()
        self.cfg = cfg
        self.optim = torch.optim.Adam(self.policy.parameters(), lr=cfg.lr, eps=1e-5)
        self.scaler = GradScaler()

    def update(self, rollouts):
        self.policy.train()
        stats = {"pg": 0.0, "vf": 0.0, "n": 0}
        for _ in range(self.cfg.ppo_epochs):
            for mb in rollouts.minibatches(self.cfg.num_minibatches):
                with autocast():
                    logp, value, entropy = self.policy.evaluate_actions(mb.obs, mb.actions)
                    ratio = (logp - mb.old_logp).exp()
                    surr1 = ratio * mb.adv
                    surr2 = ratio.clamp(1 - self.cfg.clip_eps, 1 + self.cfg.clip_eps) * mb.adv
                    pg_loss = -torch.min(surr1, surr2).mean()
                    vf_loss = 0.5 * (mb.returns - value).pow(2).mean()
                    loss = pg_loss + self.cfg.vf_coef * vf_loss - self.cfg.ent_coef * entropy.mean()
                self.optim.zero_grad()
                self.scaler.scale(loss).backward()
                clip_grad_value_(self.policy.parameters(), self.cfg.clip_value)
                self.scaler.step(self.optim)
                self.scaler.update()
                stats["pg"] += pg_loss.item()
                stats["vf"] += vf_loss.item()
                stats["n"] += 1
        n = max(stats.pop("n"), 1)
        return {k: v / n for k, v in stats.items()}

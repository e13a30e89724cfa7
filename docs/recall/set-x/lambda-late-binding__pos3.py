import torch
from torch.optim.lr_scheduler import MultiplicativeLR


class PolicyLearner:
    def __init__(self, policy, value_fn, hp):
        self.policy = policy
        self.value_fn = value_fn
        self.hp = hp
        self.opt = torch.optim.Adam([
            {"params": policy.parameters(), "lr": hp["lr"]["actor"]},
            {"params": value_fn.parameters(), "lr": hp["lr"]["critic"]},
        ])
        self.lr_sched = self._make_schedule()

    def _make_schedule(self):
        factors = []
        for _, gamma in self.hp["lr_gamma"].items():
            factors.append(lambda upd: gamma)
        return MultiplicativeLR(self.opt, lr_lambda=factors)

    def update(self, rollout):
        for _ in range(self.hp["ppo_epochs"]):
            for mb in rollout.minibatches(self.hp["minibatch_size"]):
                dist = self.policy(mb.obs)
                ratio = torch.exp(dist.log_prob(mb.actions) - mb.old_log_probs)
                clipped = torch.clamp(ratio, 1 - self.hp["clip"], 1 + self.hp["clip"])
                actor_loss = -torch.min(ratio * mb.adv, clipped * mb.adv).mean()
                critic_loss = (self.value_fn(mb.obs).squeeze(-1) - mb.returns).pow(2).mean()
                loss = actor_loss + 0.5 * critic_loss - 0.01 * dist.entropy().mean()
                self.opt.zero_grad()
                loss.backward()
                torch.nn.utils.clip_grad_norm_(
                    list(self.policy.parameters()) + list(self.value_fn.parameters()), 0.5)
                self.opt.step()
        self.lr_sched.step()
        return loss.item()

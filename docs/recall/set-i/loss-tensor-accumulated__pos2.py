import torch


class PPOUpdater:
    def __init__(self, policy, lr=3e-4, clip_eps=0.2, vf_coef=0.5, ent_coef=0.01, n_epochs=4):
        self.policy = policy
        self.opt = torch.optim.Adam(policy.parameters(), lr=lr, eps=1e-5)
        self.clip_eps = clip_eps
        self.vf_coef = vf_coef
        self.ent_coef = ent_coef
        self.n_epochs = n_epochs

    def _loss(self, mb):
        logp, value, entropy = self.policy.evaluate(mb["obs"], mb["act"])
        ratio = torch.exp(logp - mb["logp_old"])
        surr1 = ratio * mb["adv"]
        surr2 = torch.clamp(ratio, 1 - self.clip_eps, 1 + self.clip_eps) * mb["adv"]
        pg_loss = -torch.min(surr1, surr2).mean()
        v_loss = (mb["ret"] - value).pow(2).mean()
        return pg_loss + self.vf_coef * v_loss - self.ent_coef * entropy.mean()

    def update(self, buffer):
        self.policy.train()
        total = 0
        n_updates = 0
        for _ in range(self.n_epochs):
            for mb in buffer.minibatches():
                loss = self._loss(mb)
                self.opt.zero_grad()
                loss.backward()
                torch.nn.utils.clip_grad_norm_(self.policy.parameters(), 0.5)
                self.opt.step()
                total = total + loss
                n_updates += 1
        return {"loss": (total / max(n_updates, 1)).item()}

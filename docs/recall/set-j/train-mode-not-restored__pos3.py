import torch


class BCTrainer:
    """Behaviour cloning of an expert policy from logged transitions."""

    def __init__(self, policy, train_loader, eval_env, cfg):
        self.policy = policy
        self.train_loader = train_loader
        self.eval_env = eval_env
        self.cfg = cfg
        self.opt = torch.optim.Adam(self.policy.parameters(), lr=cfg["lr"])

    def fit(self):
        self.policy.train()
        for epoch in range(self.cfg["epochs"]):
            for obs, expert_act in self.train_loader:
                self.opt.zero_grad()
                logits = self.policy(obs)
                loss = torch.nn.functional.cross_entropy(logits, expert_act)
                loss.backward()
                self.opt.step()

            if epoch % self.cfg["eval_every"] == 0:
                self.policy.eval()
                ret = 0.0
                with torch.no_grad():
                    for _ in range(self.cfg["eval_episodes"]):
                        obs, done = self.eval_env.reset(), False
                        while not done:
                            x = torch.as_tensor(obs, dtype=torch.float32).unsqueeze(0)
                            act = self.policy(x).argmax(-1).item()
                            obs, reward, done, _ = self.eval_env.step(act)
                            ret += reward
                print(f"epoch {epoch}: bc loss {loss.item():.4f} "
                      f"return {ret / self.cfg['eval_episodes']:.1f}")

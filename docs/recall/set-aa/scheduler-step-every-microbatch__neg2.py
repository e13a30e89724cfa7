import torch
from torch.optim.lr_scheduler import LinearLR


class AccumTrainer:
    def __init__(self, policy, loader, args):
        self.policy = policy
        self.loader = loader
        self.args = args
        self.optim = torch.optim.AdamW(policy.parameters(), lr=args.lr)
        n_updates = args.epochs * (len(loader) // args.grad_accum_steps)
        self.decay = LinearLR(self.optim, start_factor=1.0, end_factor=0.05, total_iters=n_updates)

    def train(self):
        acc_steps = self.args.grad_accum_steps
        for epoch in range(self.args.epochs):
            self.policy.train()
            self.optim.zero_grad(set_to_none=True)
            for step, batch in enumerate(self.loader, start=1):
                obs = batch["obs"].cuda()
                act = batch["act"].cuda()
                loss = -self.policy.log_prob(obs, act).mean()
                (loss / acc_steps).backward()
                if step % acc_steps != 0:
                    continue
                torch.nn.utils.clip_grad_norm_(self.policy.parameters(), 0.5)
                self.optim.step()
                self.decay.step()
                self.optim.zero_grad(set_to_none=True)
            print(f"epoch {epoch}: nll {loss.item():.4f} lr {self.decay.get_last_lr()[0]:.2e}")
            torch.save({"policy": self.policy.state_dict(),
                        "optim": self.optim.state_dict(),
                        "decay": self.decay.state_dict()}, "bc_policy.pt")

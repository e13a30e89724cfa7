import math

import torch


class Trainer:
    def __init__(self, net, loader, hp):
        self.net = net
        self.loader = loader
        self.hp = hp
        self.opt = torch.optim.AdamW(net.parameters(), lr=hp["lr"], betas=(0.9, 0.95))
        self.step_num = 0

    def lr_for(self, step):
        warm = self.hp["ramp"]
        if step < warm:
            return self.hp["lr"] * (step + 1) / warm
        span = max(1, self.hp["steps"] - warm)
        progress = min(1.0, (step - warm) / span)
        return self.hp["lr"] * 0.5 * (1.0 + math.cos(math.pi * progress))

    def train_step(self, batch):
        for g in self.opt.param_groups:
            g["lr"] = self.lr_for(self.step_num)
        out = self.net(**batch)
        self.opt.zero_grad(set_to_none=True)
        out.loss.backward()
        self.opt.step()
        self.step_num += 1
        return out.loss.detach()

    def state_dict(self):
        return {"net": self.net.state_dict(), "opt": self.opt.state_dict(), "step": self.step_num}

    def load_state_dict(self, ckpt):
        self.net.load_state_dict(ckpt["net"])
        self.opt.load_state_dict(ckpt["opt"])
        self.step_num = ckpt["step"]

    def fit(self):
        self.net.train()
        while self.step_num < self.hp["steps"]:
            for batch in self.loader:
                self.train_step(batch)
                if self.step_num >= self.hp["steps"]:
                    break

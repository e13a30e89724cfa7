import torch
from torch.optim.lr_scheduler import LambdaLR


def make_warmup(warm):
    def factor(step):
        return min(1.0, (step + 1) / warm)
    return factor


class FineTuner:
    def __init__(self, encoder, head, loader, hp):
        self.encoder, self.head, self.loader, self.hp = encoder, head, loader, hp
        self.opt = torch.optim.AdamW([
            {"params": encoder.parameters(), "lr": hp["enc_lr"]},
            {"params": head.parameters(), "lr": hp["head_lr"]},
        ], weight_decay=0.01)
        ramps = (hp["enc_ramp"], hp["head_ramp"])
        self.sched = LambdaLR(self.opt, lr_lambda=[make_warmup(r) for r in ramps])

    def train(self, n_steps):
        self.encoder.train()
        self.head.train()
        step = 0
        while step < n_steps:
            for batch in self.loader:
                out = self.head(self.encoder(batch["x"].cuda()))
                loss = torch.nn.functional.cross_entropy(out, batch["y"].cuda())
                self.opt.zero_grad()
                loss.backward()
                self.opt.step()
                self.sched.step()
                step += 1
                if step >= n_steps:
                    break
        return self.sched.get_last_lr()

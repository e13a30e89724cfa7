import torch
from torch.optim.lr_scheduler import LambdaLR


def _linear_warmup(warm_steps):
    def fn(step):
        return min(1.0, (step + 1) / warm_steps)

    return fn


class TwoGroupTrainer:
    def __init__(self, model, loader, base_lrs=(1e-4, 1e-3), warm=(1000, 100)):
        self.model = model
        self.loader = loader
        self.opt = torch.optim.AdamW(
            [
                {"params": model.body.parameters(), "lr": base_lrs[0]},
                {"params": model.head.parameters(), "lr": base_lrs[1]},
            ]
        )
        self.lr_sched = LambdaLR(self.opt, lr_lambda=[_linear_warmup(w) for w in warm])

    def fit(self, epochs):
        self.model.train()
        for epoch in range(epochs):
            for x, y in self.loader:
                loss = torch.nn.functional.cross_entropy(self.model(x.cuda()), y.cuda())
                self.opt.zero_grad()
                loss.backward()
                self.opt.step()
                self.lr_sched.step()
            print(f"epoch {epoch} lrs {self.lr_sched.get_last_lr()}")

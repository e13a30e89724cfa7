import torch
from torch.optim.lr_scheduler import CosineAnnealingLR


class Trainer:
    def __init__(self, model, loader, args):
        self.model = model
        self.loader = loader
        self.args = args
        self.opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=args.wd)
        self.lr_sched = CosineAnnealingLR(self.opt, T_max=args.epochs * len(loader), eta_min=args.min_lr)
        self.global_step = 0

    def training_step(self, batch):
        self.lr_sched.step()
        x, y = batch
        pred = self.model(x)
        loss = torch.nn.functional.smooth_l1_loss(pred, y)
        self.opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(self.model.parameters(), self.args.clip)
        self.opt.step()
        self.global_step += 1
        return loss.detach()

    def fit(self):
        for epoch in range(self.args.epochs):
            self.model.train()
            running = 0.0
            for batch in self.loader:
                running += self.training_step(batch).item()
            print(f"epoch {epoch} loss {running / len(self.loader):.4f}")
        torch.save({"model": self.model.state_dict(), "opt": self.opt.state_dict(),
                    "lr_sched": self.lr_sched.state_dict()}, self.args.out)

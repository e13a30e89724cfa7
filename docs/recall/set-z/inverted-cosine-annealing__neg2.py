import numpy as np
import torch


def cosine_scheduler(base_value, final_value, epochs, niter_per_ep, warmup_epochs=0, start_warmup_value=0.0):
    warmup_schedule = np.array([])
    warmup_iters = warmup_epochs * niter_per_ep
    if warmup_epochs > 0:
        warmup_schedule = np.linspace(start_warmup_value, base_value, warmup_iters + 1)[1:]

    iters = np.arange(epochs * niter_per_ep - warmup_iters)
    span = max(1, len(iters))
    schedule = final_value + 0.5 * (base_value - final_value) * (1 + np.cos(np.pi * iters / span))

    schedule = np.concatenate((warmup_schedule, schedule))
    assert len(schedule) == epochs * niter_per_ep
    return schedule


class Pretrainer:
    def __init__(self, encoder, loader, args):
        self.encoder = encoder
        self.loader = loader
        self.args = args
        self.opt = torch.optim.AdamW(encoder.parameters(), weight_decay=args.weight_decay)
        self.lr_values = cosine_scheduler(args.lr, args.min_lr, args.epochs, len(loader), args.warmup_epochs)

    def train_one_epoch(self, epoch):
        self.encoder.train()
        n = len(self.loader)
        for i, (views, _) in enumerate(self.loader):
            step = epoch * n + i
            for g in self.opt.param_groups:
                g["lr"] = self.lr_values[step]
            loss = self.encoder(views)
            self.opt.zero_grad(set_to_none=True)
            loss.backward()
            self.opt.step()

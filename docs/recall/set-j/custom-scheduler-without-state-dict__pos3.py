import torch
import torch.nn as nn


class NoamOpt:
    "Optim wrapper that implements the inverse-square-root rate with warm-up."

    def __init__(self, model_size, factor, warmup, optimizer):
        self.optimizer = optimizer
        self._step = 0
        self.warmup = warmup
        self.factor = factor
        self.model_size = model_size
        self._rate = 0

    def step(self):
        "Update parameters and rate"
        self._step += 1
        rate = self.rate()
        for p in self.optimizer.param_groups:
            p["lr"] = rate
        self._rate = rate
        self.optimizer.step()

    def zero_grad(self):
        self.optimizer.zero_grad()

    def rate(self, step=None):
        if step is None:
            step = self._step
        return self.factor * (self.model_size ** (-0.5) * min(step ** (-0.5), step * self.warmup ** (-1.5)))


def get_std_opt(model: nn.Module, d_model: int):
    return NoamOpt(
        d_model,
        2,
        4000,
        torch.optim.Adam(model.parameters(), lr=0, betas=(0.9, 0.98), eps=1e-9),
    )


def run_epoch(data_iter, model, loss_compute, model_opt):
    model.train()
    total_tokens = 0
    total_loss = 0.0
    for batch in data_iter:
        out = model(batch.src, batch.trg, batch.src_mask, batch.trg_mask)
        loss = loss_compute(out, batch.trg_y) / batch.ntokens
        model_opt.zero_grad()
        loss.backward()
        model_opt.step()
        total_loss += loss.item() * batch.ntokens
        total_tokens += batch.ntokens
    return total_loss / max(1, total_tokens)

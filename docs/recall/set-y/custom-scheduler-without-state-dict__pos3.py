import torch
import torch.nn as nn


class NoamOpt:
    "Optimizer wrapper that implements the inverse-square-root rate with warm-up."

    def __init__(self, model_size, factor, warmup, optimizer):
        self.optimizer = optimizer
        self._step = 0
        self.warmup = warmup
        self.factor = factor
        self.model_size = model_size
        self._rate = 0

    def rate(self, step=None):
        if step is None:
            step = self._step
        return self.factor * (self.model_size ** (-0.5) *
                              min(step ** (-0.5), step * self.warmup ** (-1.5)))

    def step(self):
        self._step += 1
        rate = self.rate()
        for p in self.optimizer.param_groups:
            p["lr"] = rate
        self._rate = rate
        self.optimizer.step()

    def zero_grad(self):
        self.optimizer.zero_grad()


def get_std_opt(model, d_model=512, warmup=4000):
    adam = torch.optim.Adam(model.parameters(), lr=0, betas=(0.9, 0.98), eps=1e-9)
    return NoamOpt(d_model, 2, warmup, adam)


def run_epoch(data_iter, model, criterion, model_opt, pad_idx):
    model.train()
    total_tokens, total_loss = 0, 0.0
    for i, batch in enumerate(data_iter):
        out = model(batch.src, batch.tgt, batch.src_mask, batch.tgt_mask)
        logits = model.generator(out)
        loss = criterion(logits.reshape(-1, logits.size(-1)), batch.tgt_y.reshape(-1))
        model_opt.zero_grad()
        loss.backward()
        model_opt.step()
        ntokens = int((batch.tgt_y != pad_idx).sum())
        total_loss += loss.item() * ntokens
        total_tokens += ntokens
        if i % 50 == 1:
            print(f"step {i} loss {loss.item():.4f} lr {model_opt._rate:.2e}")
    return total_loss / max(total_tokens, 1)


def build_criterion(pad_idx, smoothing=0.1):
    return nn.CrossEntropyLoss(ignore_index=pad_idx, label_smoothing=smoothing)

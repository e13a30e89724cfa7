import torch
import torch.nn as nn


class InverseSqrtOptim:
    """Wraps an optimizer and sets lr = factor * d_model^-0.5 * min(n^-0.5, n * warm^-1.5)."""

    def __init__(self, d_model, factor, n_warm, inner):
        self.inner = inner
        self.d_model = d_model
        self.factor = factor
        self.n_warm = n_warm
        self._n = 0
        self._lr = 0.0

    def rate(self, n=None):
        n = self._n if n is None else n
        n = max(n, 1)
        return self.factor * self.d_model ** -0.5 * min(n ** -0.5, n * self.n_warm ** -1.5)

    def step(self):
        self._n += 1
        self._lr = self.rate()
        for group in self.inner.param_groups:
            group["lr"] = self._lr
        self.inner.step()

    def zero_grad(self):
        self.inner.zero_grad()


def make_optim(net, args):
    base = torch.optim.Adam(net.parameters(), lr=0.0, betas=(0.9, 0.98), eps=1e-9)
    return InverseSqrtOptim(args.d_model, args.lr_factor, args.n_warm, base)


def run_epoch(net, batches, crit, optim, pad_idx):
    net.train()
    tokens, total = 0, 0.0
    for src, tgt in batches:
        out = net(src, tgt[:, :-1])
        gold = tgt[:, 1:]
        loss = crit(out.reshape(-1, out.size(-1)), gold.reshape(-1))
        optim.zero_grad()
        loss.backward()
        optim.step()
        n_tok = (gold != pad_idx).sum().item()
        total += loss.item() * n_tok
        tokens += n_tok
    return total / max(tokens, 1)


def build_criterion(pad_idx, smoothing=0.1):
    return nn.CrossEntropyLoss(ignore_index=pad_idx, label_smoothing=smoothing)

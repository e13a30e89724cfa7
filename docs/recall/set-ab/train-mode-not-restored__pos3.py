import torch
from torch import nn


class Seq2SeqTrainer:
    def __init__(self, model, train_iter, dev_iter, cfg):
        self.model = model
        self.train_iter = train_iter
        self.dev_iter = dev_iter
        self.cfg = cfg
        self.opt = torch.optim.Adam(model.parameters(), lr=cfg.lr, betas=(0.9, 0.98))
        self.loss_fn = nn.NLLLoss(ignore_index=cfg.pad_index, reduction="sum")
        self.steps = 0

    def _dev_loss(self):
        self.model.eval()
        total, n_tokens = 0.0, 0
        with torch.no_grad():
            for src, trg in self.dev_iter:
                log_probs = self.model(src, trg[:, :-1])
                total += self.loss_fn(log_probs.flatten(0, 1), trg[:, 1:].flatten()).item()
                n_tokens += (trg[:, 1:] != self.cfg.pad_index).sum().item()
        return total / max(n_tokens, 1)

    def _train_batch(self, src, trg):
        log_probs = self.model(src, trg[:, :-1])
        n_tokens = (trg[:, 1:] != self.cfg.pad_index).sum()
        loss = self.loss_fn(log_probs.flatten(0, 1), trg[:, 1:].flatten()) / n_tokens
        self.opt.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(self.model.parameters(), self.cfg.clip_grad_norm)
        self.opt.step()
        self.steps += 1
        return loss.item()

    def train_and_validate(self):
        self.model.train()
        for epoch in range(self.cfg.epochs):
            for src, trg in self.train_iter:
                batch_loss = self._train_batch(src, trg)
                if self.steps % self.cfg.validation_freq == 0:
                    dev_loss = self._dev_loss()
                    print(f"epoch {epoch} step {self.steps}: train {batch_loss:.3f} dev {dev_loss:.3f}")

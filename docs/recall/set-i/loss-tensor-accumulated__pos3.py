import torch
import torch.nn.functional as F


class Seq2SeqTrainer:
    def __init__(self, model, loader, optimizer, pad_idx=0):
        self.model = model
        self.loader = loader
        self.optimizer = optimizer
        self.pad_idx = pad_idx
        self.epoch_losses = []

    def _batch_loss(self, src, tgt):
        logits = self.model(src, tgt[:, :-1])
        return F.cross_entropy(
            logits.reshape(-1, logits.size(-1)), tgt[:, 1:].reshape(-1), ignore_index=self.pad_idx
        )

    def train_epoch(self):
        self.model.train()
        epoch_loss, n_tokens = 0.0, 0
        for src, tgt in self.loader:
            src, tgt = src.cuda(), tgt.cuda()
            ntok = (tgt[:, 1:] != self.pad_idx).sum().item()
            loss = self._batch_loss(src, tgt)
            self.optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(self.model.parameters(), 1.0)
            self.optimizer.step()
            epoch_loss += loss * ntok
            n_tokens += ntok
        avg = epoch_loss / max(n_tokens, 1)
        self.epoch_losses.append(avg)
        return avg

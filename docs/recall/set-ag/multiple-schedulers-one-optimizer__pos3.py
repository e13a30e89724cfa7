import torch
from torch import nn
from torch.optim.lr_scheduler import LambdaLR, ReduceLROnPlateau
from torch.utils.data import DataLoader


class Seq2SeqTrainer:
    def __init__(self, model, train_set, val_set, cfg):
        self.cfg = cfg
        self.model = model.cuda()
        self.train_dl = DataLoader(train_set, batch_size=cfg.TRAIN.BATCH, shuffle=True,
                                   collate_fn=train_set.collate)
        self.val_dl = DataLoader(val_set, batch_size=cfg.TRAIN.BATCH, collate_fn=val_set.collate)
        self.optim = torch.optim.Adam(self.model.parameters(), lr=cfg.TRAIN.LR)
        warm = cfg.TRAIN.WARM
        self.warmup = LambdaLR(self.optim, lambda ep: min(1.0, (ep + 1) / warm))
        self.plateau = ReduceLROnPlateau(self.optim, mode="min", factor=0.5, patience=2)
        self.crit = nn.CrossEntropyLoss(ignore_index=cfg.PAD_ID)

    def _loss(self, src, tgt):
        logits = self.model(src, tgt[:, :-1])
        return self.crit(logits.reshape(-1, logits.size(-1)), tgt[:, 1:].reshape(-1))

    def train_epoch(self):
        self.model.train()
        for src, tgt in self.train_dl:
            loss = self._loss(src.cuda(), tgt.cuda())
            self.optim.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(self.model.parameters(), 1.0)
            self.optim.step()

    @torch.no_grad()
    def evaluate(self):
        self.model.eval()
        total, count = 0.0, 0
        for src, tgt in self.val_dl:
            total += self._loss(src.cuda(), tgt.cuda()).item()
            count += 1
        return total / max(count, 1)

    def end_of_epoch(self, val_loss):
        self.warmup.step()
        self.plateau.step(val_loss)

    def run(self):
        for epoch in range(self.cfg.TRAIN.EPOCHS):
            self.train_epoch()
            val_loss = self.evaluate()
            self.end_of_epoch(val_loss)
            print(f"epoch {epoch} val {val_loss:.4f} lr {self.optim.param_groups[0]['lr']:.2e}")

import torch
from torch.optim import lr_scheduler


class Trainer:
    def __init__(self, model, loaders, cfg):
        self.model = model
        self.train_loader, self.val_loader = loaders
        self.cfg = cfg
        self.opt = torch.optim.AdamW(model.parameters(), lr=cfg["lr"])
        self.lr_sched = lr_scheduler.ReduceLROnPlateau(self.opt, factor=0.5, patience=cfg["patience"])
        self.history = []

    def _train_epoch(self):
        self.model.train()
        for batch in self.train_loader:
            loss = self.model(**batch).loss
            self.opt.zero_grad()
            loss.backward()
            self.opt.step()

    @torch.no_grad()
    def _validate(self):
        self.model.eval()
        losses = [self.model(**b).loss.item() for b in self.val_loader]
        return sum(losses) / max(1, len(losses))

    def on_epoch_end(self, epoch, val_loss):
        self.history.append({"epoch": epoch, "val_loss": val_loss})
        self.lr_sched.step()

    def fit(self):
        for epoch in range(self.cfg["epochs"]):
            self._train_epoch()
            val_loss = self._validate()
            self.on_epoch_end(epoch, val_loss)

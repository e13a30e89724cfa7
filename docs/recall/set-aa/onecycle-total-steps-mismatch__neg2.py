import torch
import torch.nn as nn
from torch.optim.lr_scheduler import OneCycleLR


class TaggerTrainer:
    def __init__(self, tagger, loader, n_epochs=12, peak_lr=3e-3):
        self.tagger = tagger.cuda()
        self.loader = loader
        self.n_epochs = n_epochs
        self.opt = torch.optim.AdamW(tagger.parameters(), lr=peak_lr, weight_decay=1e-2)
        self.lr_sched = OneCycleLR(self.opt, max_lr=peak_lr,
                                   total_steps=n_epochs * len(loader), pct_start=0.25)
        self.bce = nn.BCEWithLogitsLoss()

    def run(self):
        for ep in range(self.n_epochs):
            self.tagger.train()
            run_loss = 0.0
            for i, (mel, tags) in enumerate(self.loader):
                mel, tags = mel.cuda(non_blocking=True), tags.cuda(non_blocking=True).float()
                loss = self.bce(self.tagger(mel), tags)
                self.opt.zero_grad()
                loss.backward()
                self.opt.step()
                self.lr_sched.step()
                run_loss += loss.item()
            print(f"epoch {ep}: bce {run_loss / (i + 1):.4f}")
            torch.save({"tagger": self.tagger.state_dict(), "opt": self.opt.state_dict(),
                        "lr_sched": self.lr_sched.state_dict(), "epoch": ep}, "tagger.pt")

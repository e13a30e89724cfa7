import torch
from torch.optim.lr_scheduler import CosineAnnealingLR


class TextTrainer:
    def __init__(self, model, loader, epochs=10, lr=3e-4, device="cuda"):
        self.model = model.to(device)
        self.loader = loader
        self.epochs = epochs
        self.device = device
        self.optim = torch.optim.AdamW(self.model.parameters(), lr=lr, weight_decay=0.01)
        self.sched = None

    def train_epoch(self, epoch):
        self.sched = CosineAnnealingLR(self.optim, T_max=self.epochs * len(self.loader),
                                       eta_min=1e-6)
        self.model.train()
        running = 0.0
        for i, batch in enumerate(self.loader):
            batch = {k: v.to(self.device) for k, v in batch.items()}
            out = self.model(**batch)
            self.optim.zero_grad()
            out.loss.backward()
            torch.nn.utils.clip_grad_norm_(self.model.parameters(), 1.0)
            self.optim.step()
            self.sched.step()
            running += out.loss.item()
            if (i + 1) % 100 == 0:
                print(f"epoch {epoch} batch {i + 1} loss {running / (i + 1):.4f} "
                      f"lr {self.sched.get_last_lr()[0]:.2e}")
        return running / len(self.loader)

    def fit(self):
        for epoch in range(self.epochs):
            avg = self.train_epoch(epoch)
            print(f"== epoch {epoch} done, avg loss {avg:.4f}")

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import CosineAnnealingLR
from torch.utils.data import DataLoader


class Trainer:
    def __init__(self, net, train_set, epochs=30, lr=1e-3, batch_size=64, device="cuda"):
        self.device = device
        self.net = net.to(device)
        self.epochs = epochs
        self.loader = DataLoader(train_set, batch_size=batch_size, shuffle=True,
                                 num_workers=4, pin_memory=True)
        self.optim = torch.optim.AdamW(self.net.parameters(), lr=lr, weight_decay=0.05)
        # one cosine period over the whole run, counted in optimizer steps
        self.sched = CosineAnnealingLR(self.optim, T_max=epochs * len(self.loader), eta_min=lr * 0.01)
        self.crit = nn.CrossEntropyLoss()

    def step(self, batch):
        x, y = (t.to(self.device, non_blocking=True) for t in batch)
        self.optim.zero_grad(set_to_none=True)
        loss = self.crit(self.net(x), y)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(self.net.parameters(), 1.0)
        self.optim.step()
        self.sched.step()
        return loss.item()

    def fit(self):
        for epoch in range(self.epochs):
            self.net.train()
            losses = []
            for i, batch in enumerate(self.loader):
                losses.append(self.step(batch))
                if i % 200 == 0:
                    print(f"epoch {epoch} iter {i} lr {self.sched.get_last_lr()[0]:.2e}")
            print(f"epoch {epoch} mean loss {sum(losses) / len(losses):.4f}")

    def save(self, path):
        torch.save({
            "net": self.net.state_dict(),
            "optim": self.optim.state_dict(),
            "sched": self.sched.state_dict(),
        }, path)

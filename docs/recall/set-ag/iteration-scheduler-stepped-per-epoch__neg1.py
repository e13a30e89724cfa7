import torch
import torch.nn as nn
from torch.optim.lr_scheduler import OneCycleLR
from torch.utils.data import DataLoader


class AudioTrainer:
    def __init__(self, net, train_set, epochs=30, lr=1e-3, bs=64, device="cuda"):
        self.net = net.to(device)
        self.device = device
        self.epochs = epochs
        self.loader = DataLoader(train_set, batch_size=bs, shuffle=True, num_workers=6)
        self.opt = torch.optim.AdamW(self.net.parameters(), lr=lr, weight_decay=1e-2)
        self.policy = OneCycleLR(
            self.opt,
            max_lr=lr,
            epochs=epochs,
            steps_per_epoch=len(self.loader),
            anneal_strategy="cos",
        )
        self.crit = nn.CrossEntropyLoss()

    def train(self):
        for ep in range(self.epochs):
            self.net.train()
            seen, total_loss = 0, 0.0
            for spec, label in self.loader:
                spec, label = spec.to(self.device), label.to(self.device)
                loss = self.crit(self.net(spec), label)
                self.opt.zero_grad()
                loss.backward()
                self.opt.step()
                self.policy.step()
                total_loss += loss.item() * label.size(0)
                seen += label.size(0)
            lr = self.policy.get_last_lr()[0]
            print(f"[{ep}] loss={total_loss / seen:.4f} lr={lr:.2e}")

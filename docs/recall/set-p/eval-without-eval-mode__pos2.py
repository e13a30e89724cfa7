import torch
import torch.nn as nn


class SpeakerTrainer:
    def __init__(self, encoder, train_loader, dev_loader, lr=1e-3, device="cuda"):
        self.encoder = encoder.to(device)
        self.train_loader = train_loader
        self.dev_loader = dev_loader
        self.device = device
        self.opt = torch.optim.Adam(self.encoder.parameters(), lr=lr, weight_decay=2e-5)
        self.ce = nn.CrossEntropyLoss()

    def train_epoch(self):
        self.encoder.train()
        total = 0.0
        for feats, spk in self.train_loader:
            feats, spk = feats.to(self.device), spk.to(self.device)
            self.opt.zero_grad()
            loss = self.ce(self.encoder(feats), spk)
            loss.backward()
            self.opt.step()
            total += loss.item()
        return total / len(self.train_loader)

    @torch.no_grad()
    def validate(self):
        hits, count = 0, 0
        for feats, spk in self.dev_loader:
            feats, spk = feats.to(self.device), spk.to(self.device)
            logits = self.encoder(feats)
            hits += (logits.argmax(-1) == spk).sum().item()
            count += spk.numel()
        return hits / max(count, 1)

    def run(self, epochs):
        for ep in range(epochs):
            tr = self.train_epoch()
            acc = self.validate()
            print(f"epoch {ep}: train loss {tr:.4f} dev acc {acc:.4f}")

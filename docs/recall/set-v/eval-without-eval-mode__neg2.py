import numpy as np
import torch
import torch.nn.functional as F
from sklearn.metrics import roc_auc_score


class Trainer:
    def __init__(self, model, train_loader, valid_loader, lr=1e-3, device="cuda"):
        self.model = model.to(device)
        self.train_loader = train_loader
        self.valid_loader = valid_loader
        self.device = device
        self.optim = torch.optim.AdamW(self.model.parameters(), lr=lr)

    def train_epoch(self):
        self.model.train()
        for x, y in self.train_loader:
            x, y = x.to(self.device), y.float().to(self.device)
            self.optim.zero_grad(set_to_none=True)
            loss = F.binary_cross_entropy_with_logits(self.model(x).squeeze(-1), y)
            loss.backward()
            self.optim.step()

    @torch.inference_mode()
    def evaluate(self):
        self.model.eval()
        scores, targets = [], []
        for x, y in self.valid_loader:
            logits = self.model(x.to(self.device)).squeeze(-1)
            scores.append(torch.sigmoid(logits).cpu().numpy())
            targets.append(y.numpy())
        self.model.train()
        return roc_auc_score(np.concatenate(targets), np.concatenate(scores))

    def fit(self, epochs):
        for epoch in range(epochs):
            self.train_epoch()
            print(f"epoch {epoch}: valid AUC {self.evaluate():.4f}")

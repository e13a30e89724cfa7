import numpy as np
import torch
import torch.nn.functional as F


class SegmentationTrainer:
    def __init__(self, unet3d, train_loader, val_loader, optimizer, device):
        self.unet3d = unet3d.to(device)
        self.train_loader = train_loader
        self.val_loader = val_loader
        self.optimizer = optimizer
        self.device = device

    def train_epoch(self):
        self.unet3d.train(True)
        for vol, seg in self.train_loader:
            vol, seg = vol.to(self.device), seg.to(self.device)
            self.optimizer.zero_grad(set_to_none=True)
            loss = F.binary_cross_entropy_with_logits(self.unet3d(vol), seg)
            loss.backward()
            self.optimizer.step()

    @torch.no_grad()
    def validate(self):
        self.unet3d.train(False)
        scores = []
        for vol, seg in self.val_loader:
            vol, seg = vol.to(self.device), seg.to(self.device)
            pred = (torch.sigmoid(self.unet3d(vol)) > 0.5).float()
            inter = (pred * seg).sum()
            scores.append(((2 * inter + 1e-6) / (pred.sum() + seg.sum() + 1e-6)).item())
        return float(np.mean(scores))

    def run(self, n_epochs):
        history = []
        for epoch in range(n_epochs):
            self.train_epoch()
            history.append(self.validate())
            print(f"epoch {epoch}: dice {history[-1]:.4f}")
        return history

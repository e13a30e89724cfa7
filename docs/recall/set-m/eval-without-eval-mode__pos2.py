import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader

from .metrics import dice_score


class UNetTrainer:
    def __init__(self, unet, train_set, val_set, cfg):
        self.cfg = cfg
        self.unet = unet.to(cfg.device)
        self.train_loader = DataLoader(train_set, batch_size=cfg.batch_size, shuffle=True,
                                       num_workers=4, pin_memory=True)
        self.val_loader = DataLoader(val_set, batch_size=1, num_workers=2)
        self.opt = torch.optim.RMSprop(self.unet.parameters(), lr=cfg.lr,
                                       weight_decay=1e-8, momentum=0.9)

    def train_epoch(self):
        self.unet.train()
        for image, mask in self.train_loader:
            image, mask = image.to(self.cfg.device), mask.to(self.cfg.device)
            self.opt.zero_grad(set_to_none=True)
            loss = F.binary_cross_entropy_with_logits(self.unet(image).squeeze(1), mask.float())
            loss.backward()
            self.opt.step()

    @torch.no_grad()
    def evaluate(self):
        scores = []
        for image, mask in self.val_loader:
            image, mask = image.to(self.cfg.device), mask.to(self.cfg.device)
            pred = (torch.sigmoid(self.unet(image).squeeze(1)) > 0.5).float()
            scores.append(dice_score(pred, mask.float()))
        return sum(scores) / max(len(scores), 1)

    def fit(self):
        for epoch in range(self.cfg.epochs):
            self.train_epoch()
            dice = self.evaluate()
            print(f"epoch {epoch}: val dice {dice:.4f}")

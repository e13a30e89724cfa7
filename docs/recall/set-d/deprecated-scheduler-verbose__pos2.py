import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import ReduceLROnPlateau


class Trainer:
    def __init__(self, unet, train_dl, val_dl, args):
        self.unet = unet
        self.train_dl = train_dl
        self.val_dl = val_dl
        self.args = args
        self.opt = torch.optim.RMSprop(unet.parameters(), lr=args.lr, weight_decay=1e-8, momentum=0.9)
        self.plateau = ReduceLROnPlateau(self.opt, mode="max", factor=0.5, patience=5, verbose=True)

    def train_epoch(self):
        self.unet.train()
        for images, masks in self.train_dl:
            pred = self.unet(images)
            loss = F.binary_cross_entropy_with_logits(pred, masks)
            self.opt.zero_grad()
            loss.backward()
            self.opt.step()

    @torch.no_grad()
    def evaluate(self):
        self.unet.eval()
        dice = 0.0
        for images, masks in self.val_dl:
            probs = torch.sigmoid(self.unet(images)) > 0.5
            inter = (probs & masks.bool()).sum().item()
            dice += 2 * inter / max(1, probs.sum().item() + masks.sum().item())
        self.unet.train()
        return dice / max(1, len(self.val_dl))

    def fit(self):
        for epoch in range(self.args.epochs):
            self.train_epoch()
            score = self.evaluate()
            self.plateau.step(score)
            print(f"epoch {epoch} dice {score:.4f}")

import torch
import torch.nn as nn


class Runner:
    def __init__(self, backbone, loaders, lr=1e-3):
        self.backbone = backbone.cuda()
        self.train_loader, self.val_loader = loaders
        self.opt = torch.optim.Adam(backbone.parameters(), lr=lr)
        self.loss_fn = nn.L1Loss()

    def train_one_epoch(self):
        self.backbone.train()
        for lr_img, hr_img in self.train_loader:
            self.opt.zero_grad()
            loss = self.loss_fn(self.backbone(lr_img.cuda()), hr_img.cuda())
            loss.backward()
            self.opt.step()

    def validate(self):
        self.backbone.eval()
        psnr_sum = 0.0
        with torch.no_grad():
            for lr_img, hr_img in self.val_loader:
                sr = self.backbone(lr_img.cuda()).clamp(0, 1)
                mse = torch.mean((sr - hr_img.cuda()) ** 2)
                psnr_sum += (10 * torch.log10(1.0 / mse)).item()
        return psnr_sum / max(len(self.val_loader), 1)

    def run(self, epochs):
        for ep in range(epochs):
            self.train_one_epoch()
            print(f"epoch {ep}: PSNR {self.validate():.2f} dB")

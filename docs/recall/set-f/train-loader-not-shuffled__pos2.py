import torch
from torch.utils.data import DataLoader


class Trainer:
    def __init__(self, net, train_set, val_set, batch_size=16, lr=2e-4, epochs=50):
        self.net = net.cuda()
        self.epochs = epochs
        self.train_loader = DataLoader(
            train_set, batch_size=batch_size, shuffle=False, num_workers=6, drop_last=True
        )
        self.val_loader = DataLoader(val_set, batch_size=batch_size, shuffle=False, num_workers=6)
        self.opt = torch.optim.Adam(self.net.parameters(), lr=lr, betas=(0.5, 0.999))
        self.l1 = torch.nn.L1Loss()

    def train_epoch(self):
        self.net.train()
        for lr_img, hr_img in self.train_loader:
            lr_img, hr_img = lr_img.cuda(), hr_img.cuda()
            self.opt.zero_grad()
            loss = self.l1(self.net(lr_img), hr_img)
            loss.backward()
            self.opt.step()

    @torch.no_grad()
    def validate(self):
        self.net.eval()
        psnr = 0.0
        for lr_img, hr_img in self.val_loader:
            sr = self.net(lr_img.cuda()).clamp(0, 1)
            mse = torch.mean((sr - hr_img.cuda()) ** 2, dim=(1, 2, 3))
            psnr += (10 * torch.log10(1.0 / mse)).sum().item()
        return psnr / len(self.val_loader.dataset)

    def fit(self):
        for epoch in range(self.epochs):
            self.train_epoch()
            print(f"epoch {epoch}: PSNR {self.validate():.2f} dB")

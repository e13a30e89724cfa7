import torch
from torch.optim.lr_scheduler import CosineAnnealingLR


class DenoiserTrainer:
    def __init__(self, unet, dl, n_epochs, lr=2e-4):
        self.unet = unet.cuda()
        self.dl = dl
        self.n_epochs = n_epochs
        self.opt = torch.optim.Adam(self.unet.parameters(), lr=lr)
        self.loss_fn = torch.nn.L1Loss()

    def train_one_epoch(self, epoch):
        lr_sched = CosineAnnealingLR(self.opt, T_max=self.n_epochs * len(self.dl), eta_min=1e-7)
        self.unet.train()
        running = 0.0
        for noisy, clean in self.dl:
            noisy, clean = noisy.cuda(), clean.cuda()
            restored = self.unet(noisy)
            loss = self.loss_fn(restored, clean)
            self.opt.zero_grad()
            loss.backward()
            self.opt.step()
            lr_sched.step()
            running += loss.item()
        return running / len(self.dl), lr_sched.get_last_lr()[0]

    def run(self):
        for epoch in range(self.n_epochs):
            avg, lr = self.train_one_epoch(epoch)
            print(f"epoch {epoch:03d} l1 {avg:.5f} lr {lr:.2e}")
            torch.save(self.unet.state_dict(), f"denoiser_{epoch:03d}.pth")

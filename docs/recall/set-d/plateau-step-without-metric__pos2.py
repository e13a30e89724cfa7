import torch
from torch import optim


class GANTrainer:
    def __init__(self, netG, netD, loader, opt):
        self.netG, self.netD = netG, netD
        self.loader = loader
        self.opt = opt
        self.optimizer_G = optim.Adam(netG.parameters(), lr=opt.lr, betas=(opt.beta1, 0.999))
        self.optimizer_D = optim.Adam(netD.parameters(), lr=opt.lr, betas=(opt.beta1, 0.999))
        self.schedulers = [
            optim.lr_scheduler.ReduceLROnPlateau(o, mode="min", factor=0.2, threshold=0.01, patience=5)
            for o in (self.optimizer_G, self.optimizer_D)
        ]
        self.criterion = torch.nn.BCEWithLogitsLoss()

    def update_learning_rate(self):
        for sched in self.schedulers:
            sched.step()
        lr = self.optimizer_G.param_groups[0]["lr"]
        print(f"learning rate = {lr:.7f}")

    def train_epoch(self):
        self.netG.train()
        self.netD.train()
        for real, z in self.loader:
            fake = self.netG(z)
            d_real, d_fake = self.netD(real), self.netD(fake.detach())
            loss_D = 0.5 * (self.criterion(d_real, torch.ones_like(d_real))
                            + self.criterion(d_fake, torch.zeros_like(d_fake)))
            self.optimizer_D.zero_grad()
            loss_D.backward()
            self.optimizer_D.step()
            d_gen = self.netD(fake)
            loss_G = self.criterion(d_gen, torch.ones_like(d_gen))
            self.optimizer_G.zero_grad()
            loss_G.backward()
            self.optimizer_G.step()

    def fit(self):
        for epoch in range(self.opt.n_epochs):
            self.train_epoch()
            self.update_learning_rate()

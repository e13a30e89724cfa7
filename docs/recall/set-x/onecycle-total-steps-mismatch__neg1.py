import torch
import torch.nn as nn
from torch.optim.lr_scheduler import OneCycleLR


class KeypointTrainer:
    def __init__(self, net, loader, epochs=60, max_lr=2.5e-3):
        self.net = net.cuda()
        self.loader = loader
        self.epochs = epochs
        self.opt = torch.optim.AdamW(self.net.parameters(), lr=max_lr / 25, weight_decay=1e-4)
        self.sched = OneCycleLR(self.opt, max_lr=max_lr, epochs=epochs,
                                steps_per_epoch=len(loader), pct_start=0.25)
        self.mse = nn.MSELoss()

    def fit(self):
        for epoch in range(self.epochs):
            self.net.train()
            for i, (img, heatmaps) in enumerate(self.loader):
                outs = self.net(img.cuda(non_blocking=True))
                loss = sum(self.mse(o, heatmaps.cuda(non_blocking=True)) for o in outs)
                self.opt.zero_grad(set_to_none=True)
                loss.backward()
                self.opt.step()
                self.sched.step()
                if i % 50 == 0:
                    print(f"epoch {epoch} it {i}/{len(self.loader)} loss {loss.item():.5f}")
            torch.save(self.net.state_dict(), f"hg_epoch{epoch}.pth")

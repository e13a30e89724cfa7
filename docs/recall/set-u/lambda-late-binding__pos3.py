import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import MultiplicativeLR


class LayerwiseTrainer:
    def __init__(self, backbone, loader, base_lr=1e-3, rates=(0.99, 0.97, 0.95, 0.9), epochs=40):
        self.net = backbone.cuda()
        self.loader = loader
        self.epochs = epochs
        stages = [self.net.stage1, self.net.stage2, self.net.stage3, self.net.stage4]
        self.opt = torch.optim.Adam(
            [{"params": s.parameters(), "lr": base_lr} for s in stages], lr=base_lr
        )
        self.factors = []
        for rate in rates:
            self.factors.append(lambda epoch: rate)
        self.lr_sched = MultiplicativeLR(self.opt, lr_lambda=self.factors)

    def train(self):
        for epoch in range(self.epochs):
            self.net.train()
            for img, label in self.loader:
                img, label = img.cuda(), label.cuda()
                loss = F.cross_entropy(self.net(img), label)
                self.opt.zero_grad()
                loss.backward()
                self.opt.step()
            self.lr_sched.step()
            print(f"epoch {epoch}: " + ", ".join(f"{lr:.2e}" for lr in self.lr_sched.get_last_lr()))

import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import MultiStepLR


class ReIDTrainer:
    def __init__(self, model, loader, base_lr=3.5e-4, epochs=120, decay_every=40):
        self.model = model.cuda()
        self.loader = loader
        self.base_lr = base_lr
        self.epochs = epochs
        self.decay_every = decay_every
        self.opt = torch.optim.Adam(self.model.parameters(), lr=base_lr, weight_decay=5e-4)
        self.lr_sched = MultiStepLR(self.opt, milestones=[40, 70], gamma=0.1)

    def _set_lr(self, epoch):
        new_lr = self.base_lr * (0.1 ** (epoch // self.decay_every))
        for g in self.opt.param_groups:
            g["lr"] = new_lr

    def _train_epoch(self, epoch):
        self.model.train()
        for step, (imgs, pids) in enumerate(self.loader):
            imgs, pids = imgs.cuda(), pids.cuda()
            logits, feats = self.model(imgs)
            loss = F.cross_entropy(logits, pids) + self.model.triplet(feats, pids)
            self.opt.zero_grad()
            loss.backward()
            self.opt.step()
            if step % 50 == 0:
                print(f"epoch {epoch} step {step} loss {loss.item():.3f}")

    def run(self):
        for epoch in range(self.epochs):
            self._set_lr(epoch)
            self._train_epoch(epoch)
            self.lr_sched.step()
            if (epoch + 1) % 10 == 0:
                torch.save(self.model.state_dict(), f"reid_ep{epoch + 1}.pth")

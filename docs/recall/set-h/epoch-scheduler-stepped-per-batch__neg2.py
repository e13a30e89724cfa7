import torch
from torch.optim.lr_scheduler import CosineAnnealingLR


class SegTrainer:
    def __init__(self, net, loader, num_epochs, base_lr=0.01):
        self.net = net.cuda()
        self.loader = loader
        self.num_epochs = num_epochs
        self.opt = torch.optim.SGD(net.parameters(), lr=base_lr, momentum=0.9, weight_decay=1e-4)
        self.total_iters = num_epochs * len(loader)
        self.sched = CosineAnnealingLR(self.opt, T_max=self.total_iters, eta_min=base_lr * 1e-3)
        self.crit = torch.nn.CrossEntropyLoss(ignore_index=255)
        self.global_step = 0

    def train_step(self, img, mask):
        out = self.net(img)
        loss = self.crit(out, mask)
        self.opt.zero_grad()
        loss.backward()
        self.opt.step()
        self.sched.step()
        self.global_step += 1
        return loss.item()

    def train(self):
        for epoch in range(self.num_epochs):
            self.net.train()
            for img, mask in self.loader:
                loss = self.train_step(img.cuda(), mask.cuda())
                if self.global_step % 50 == 0:
                    lr = self.sched.get_last_lr()[0]
                    print(f"ep {epoch} it {self.global_step}/{self.total_iters} loss {loss:.4f} lr {lr:.6f}")

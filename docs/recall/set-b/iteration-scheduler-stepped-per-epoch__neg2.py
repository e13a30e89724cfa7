import torch
from torch.optim.lr_scheduler import LambdaLR


class SegTrainer:
    def __init__(self, net, loader, cfg):
        self.net = net.cuda()
        self.loader = loader
        self.cfg = cfg
        self.opt = torch.optim.SGD(net.parameters(), lr=cfg.base_lr, momentum=0.9,
                                   weight_decay=cfg.weight_decay)
        # polynomial decay over epochs; the scheduler is stepped once per epoch
        n_epochs = cfg.epochs
        self.poly = LambdaLR(self.opt, lambda ep: max(0.0, 1.0 - ep / n_epochs) ** 0.9)
        self.criterion = torch.nn.CrossEntropyLoss(ignore_index=cfg.ignore_index)

    def _run_epoch(self, epoch):
        self.net.train()
        for i, (img, target) in enumerate(self.loader):
            img, target = img.cuda(), target.cuda()
            loss = self.criterion(self.net(img), target)
            self.opt.zero_grad()
            loss.backward()
            self.opt.step()
            if i % self.cfg.print_freq == 0:
                print(f"ep {epoch} it {i} loss {loss.item():.4f}")

    def train(self):
        for epoch in range(self.cfg.epochs):
            self._run_epoch(epoch)
            self.poly.step()
            torch.save(
                {"model": self.net.state_dict(), "optimizer": self.opt.state_dict(),
                 "scheduler": self.poly.state_dict(), "epoch": epoch},
                f"{self.cfg.work_dir}/latest.pth",
            )

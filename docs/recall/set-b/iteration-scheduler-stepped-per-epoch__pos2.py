import torch
from torch.optim.lr_scheduler import LambdaLR


def poly_lambda(total_iters, power=0.9):
    def f(it):
        return max(0.0, 1.0 - it / total_iters) ** power
    return f


class SegTrainer:
    def __init__(self, net, loader, cfg):
        self.net = net.cuda()
        self.loader = loader
        self.cfg = cfg
        self.max_iter = cfg.epochs * len(loader)
        self.opt = torch.optim.SGD(
            [
                {"params": net.backbone.parameters(), "lr": cfg.base_lr},
                {"params": net.decoder.parameters(), "lr": cfg.base_lr * 10},
            ],
            lr=cfg.base_lr,
            momentum=0.9,
            weight_decay=cfg.weight_decay,
        )
        self.poly = LambdaLR(self.opt, lr_lambda=poly_lambda(self.max_iter))
        self.criterion = torch.nn.CrossEntropyLoss(ignore_index=cfg.ignore_index)

    def _run_epoch(self, epoch):
        self.net.train()
        for i, (img, target) in enumerate(self.loader):
            img, target = img.cuda(), target.cuda()
            pred = self.net(img)
            loss = self.criterion(pred, target)
            self.opt.zero_grad()
            loss.backward()
            self.opt.step()
            if i % self.cfg.print_freq == 0:
                lr = self.opt.param_groups[0]["lr"]
                print(f"ep {epoch} it {i}/{len(self.loader)} loss {loss.item():.4f} lr {lr:.2e}")

    def train(self):
        for epoch in range(self.cfg.epochs):
            self._run_epoch(epoch)
            self.poly.step()
            if (epoch + 1) % self.cfg.save_every == 0:
                torch.save(
                    {"model": self.net.state_dict(), "optimizer": self.opt.state_dict(),
                     "scheduler": self.poly.state_dict(), "epoch": epoch},
                    f"{self.cfg.work_dir}/epoch_{epoch + 1}.pth",
                )

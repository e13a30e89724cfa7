import torch
from torch.optim.lr_scheduler import LambdaLR


class SegTrainer:
    def __init__(self, net, loader, loss_fn, cfg):
        self.net = net.cuda()
        self.loader = loader
        self.loss_fn = loss_fn
        self.cfg = cfg
        self.opt = torch.optim.SGD(net.parameters(), lr=cfg.TRAIN.LR, momentum=0.9,
                                   weight_decay=cfg.TRAIN.WD)
        total = cfg.TRAIN.EPOCHS * len(loader)
        self.lr_sched = LambdaLR(self.opt, lambda it: (1 - min(it, total) / total) ** 0.9)
        self.scaler = torch.amp.GradScaler("cuda", enabled=cfg.TRAIN.AMP)
        self.iteration = 0

    def _optimizer_step(self, loss):
        self.scaler.scale(loss).backward()
        self.scaler.unscale_(self.opt)
        torch.nn.utils.clip_grad_norm_(self.net.parameters(), self.cfg.TRAIN.CLIP)
        self.scaler.step(self.opt)
        self.scaler.update()
        self.opt.zero_grad(set_to_none=True)
        self.lr_sched.step()
        self.iteration += 1

    def train_epoch(self, epoch):
        self.net.train()
        for i, (img, mask) in enumerate(self.loader):
            img, mask = img.cuda(non_blocking=True), mask.cuda(non_blocking=True)
            with torch.autocast(device_type="cuda", dtype=torch.float16, enabled=self.cfg.TRAIN.AMP):
                loss = self.loss_fn(self.net(img), mask)
            self._optimizer_step(loss)
            if i % self.cfg.TRAIN.PRINT_FREQ == 0:
                print(f"epoch {epoch} iter {i} loss {loss.item():.4f} "
                      f"lr {self.lr_sched.get_last_lr()[0]:.6f}")

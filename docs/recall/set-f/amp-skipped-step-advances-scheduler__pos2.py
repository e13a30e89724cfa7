import torch
from torch.optim.lr_scheduler import LambdaLR


class Trainer:
    def __init__(self, net, loader, cfg):
        self.net = net
        self.loader = loader
        self.cfg = cfg
        self.opt = torch.optim.AdamW(net.parameters(), lr=cfg.TRAIN.LR, weight_decay=cfg.TRAIN.WD)
        warm = max(1, cfg.TRAIN.WARM)
        total = cfg.TRAIN.EPOCHS * len(loader)
        self.lr_sched = LambdaLR(
            self.opt, lambda it: min((it + 1) / warm, max(0.0, (total - it) / max(1, total - warm)))
        )
        self.scaler = torch.cuda.amp.GradScaler(enabled=cfg.TRAIN.AMP)

    def _optimizer_step(self, loss):
        self.scaler.scale(loss).backward()
        self.scaler.unscale_(self.opt)
        torch.nn.utils.clip_grad_norm_(self.net.parameters(), self.cfg.TRAIN.CLIP)
        self.scaler.step(self.opt)
        self.scaler.update()
        self.lr_sched.step()

    def train_epoch(self):
        self.net.train()
        for images, targets in self.loader:
            images = images.cuda(non_blocking=True)
            targets = [{k: v.cuda() for k, v in t.items()} for t in targets]
            self.opt.zero_grad(set_to_none=True)
            with torch.autocast("cuda", dtype=torch.float16, enabled=self.cfg.TRAIN.AMP):
                loss_dict = self.net(images, targets)
                loss = sum(loss_dict.values())
            self._optimizer_step(loss)

from collections import defaultdict

import torch


class DetTrainer:
    def __init__(self, model, loader, cfg):
        self.model = model.cuda()
        self.loader = loader
        self.cfg = cfg
        self.opt = torch.optim.SGD(self.model.parameters(), lr=cfg.TRAIN.LR, momentum=0.9,
                                   weight_decay=cfg.TRAIN.WD)
        self.meters = defaultdict(float)

    def _compute_losses(self, images, targets):
        out = self.model(images, targets)
        total = out["loss_cls"] + out["loss_box"] + out["loss_obj"]
        return total, out

    def train_epoch(self, epoch):
        self.model.train()
        self.meters.clear()
        for it, (images, targets) in enumerate(self.loader):
            images = images.cuda(non_blocking=True)
            targets = [t.cuda(non_blocking=True) for t in targets]
            self.opt.zero_grad()
            loss_total, parts = self._compute_losses(images, targets)
            loss_total.backward()
            self.opt.step()

            self.meters["loss"] += loss_total
            for name in ("loss_cls", "loss_box", "loss_obj"):
                self.meters[name] += parts[name].item()
            self.meters["iters"] += 1
            if it % self.cfg.LOG_PERIOD == 0:
                n = self.meters["iters"]
                msg = " ".join(f"{k}={float(v) / n:.3f}" for k, v in self.meters.items() if k != "iters")
                print(f"epoch {epoch} iter {it}: {msg}")

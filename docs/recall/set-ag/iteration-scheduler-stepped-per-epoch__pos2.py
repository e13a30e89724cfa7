import math

import torch
from torch.optim.lr_scheduler import CosineAnnealingLR
from torch.utils.data import DataLoader


class DetTrainer:
    """Minimal trainer for the keypoint detector."""

    def __init__(self, detector, dataset, cfg):
        self.cfg = cfg
        self.detector = detector.cuda()
        self.loader = DataLoader(dataset, batch_size=cfg["batch_size"], shuffle=True,
                                 num_workers=cfg["workers"], collate_fn=dataset.collate)
        self.max_iters = cfg["epochs"] * len(self.loader)
        params = [p for p in self.detector.parameters() if p.requires_grad]
        self.opt = torch.optim.AdamW(params, lr=cfg["lr"], weight_decay=cfg["wd"])
        self.lr_sched = CosineAnnealingLR(self.opt, T_max=self.max_iters,
                                          eta_min=cfg["lr"] * 0.01)
        self.global_step = 0

    def _train_epoch(self):
        self.detector.train()
        for images, targets in self.loader:
            images = images.cuda(non_blocking=True)
            targets = [{k: v.cuda() for k, v in t.items()} for t in targets]
            losses = self.detector(images, targets)
            total = sum(losses.values())
            if not math.isfinite(total.item()):
                raise RuntimeError(f"non-finite loss at step {self.global_step}: {losses}")
            self.opt.zero_grad()
            total.backward()
            self.opt.step()
            self.global_step += 1

    def fit(self):
        for epoch in range(self.cfg["epochs"]):
            self._train_epoch()
            self.lr_sched.step()
            lr = self.lr_sched.get_last_lr()[0]
            print(f"epoch {epoch} step {self.global_step} lr {lr:.3e}")

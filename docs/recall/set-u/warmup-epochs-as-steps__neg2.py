import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import CosineAnnealingLR, LinearLR, SequentialLR


class Trainer:
    def __init__(self, cfg, model, loader):
        self.cfg = cfg
        self.model = model.cuda()
        self.loader = loader
        self.opt = torch.optim.SGD(self.model.parameters(), lr=cfg.TRAIN.BASE_LR, momentum=0.9,
                                   weight_decay=cfg.TRAIN.WEIGHT_DECAY)
        self.lr_sched = self._build_scheduler()

    def _build_scheduler(self):
        # stepped once per epoch, so both phases are measured in epochs
        warm = self.cfg.TRAIN.WARM_EPOCHS
        ramp = LinearLR(self.opt, start_factor=0.001, end_factor=1.0, total_iters=warm)
        cosine = CosineAnnealingLR(self.opt, T_max=max(1, self.cfg.TRAIN.EPOCHS - warm), eta_min=0.0)
        return SequentialLR(self.opt, schedulers=[ramp, cosine], milestones=[warm])

    def train(self):
        for epoch in range(self.cfg.TRAIN.EPOCHS):
            self.model.train()
            for imgs, targets in self.loader:
                imgs, targets = imgs.cuda(non_blocking=True), targets.cuda(non_blocking=True)
                loss = F.cross_entropy(self.model(imgs), targets)
                self.opt.zero_grad()
                loss.backward()
                self.opt.step()
            self.lr_sched.step()
            print(f"epoch {epoch}: lr {self.lr_sched.get_last_lr()[0]:.5f}")


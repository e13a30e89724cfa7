import torch
from torch.optim.lr_scheduler import LambdaLR, MultiStepLR


class DetTrainer:
    def __init__(self, detector, loader, cfg):
        self.detector = detector
        self.loader = loader
        self.cfg = cfg
        params = [p for p in detector.parameters() if p.requires_grad]
        self.opt = torch.optim.SGD(params, lr=cfg.SOLVER.BASE_LR, momentum=0.9,
                                   weight_decay=cfg.SOLVER.WEIGHT_DECAY)
        n_warm = cfg.SOLVER.WARMUP_ITERS
        self.ramp = LambdaLR(self.opt, lambda it: min(1.0, 0.001 + 0.999 * it / n_warm))
        self.decay = MultiStepLR(self.opt, milestones=cfg.SOLVER.LR_DROP_EPOCHS, gamma=0.1)

    def _train_epoch(self, epoch):
        self.detector.train()
        for i, (images, targets) in enumerate(self.loader):
            images = [im.cuda() for im in images]
            targets = [{k: v.cuda() for k, v in t.items()} for t in targets]
            losses = self.detector(images, targets)
            total = sum(losses.values())
            self.opt.zero_grad()
            total.backward()
            self.opt.step()
            self.ramp.step()
            if i % 20 == 0:
                print(f"[{epoch}:{i}] loss {total.item():.3f} lr {self.opt.param_groups[0]['lr']:.5f}")

    def train(self):
        for epoch in range(self.cfg.SOLVER.MAX_EPOCHS):
            self._train_epoch(epoch)
            self.decay.step()
            torch.save(self.detector.state_dict(), f"{self.cfg.OUTPUT_DIR}/model_{epoch:02d}.pth")

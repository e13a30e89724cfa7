import torch
from torch.optim.lr_scheduler import LambdaLR, MultiStepLR


class DetectorTrainer:
    def __init__(self, detector, loader, cfg):
        self.detector = detector.cuda()
        self.loader = loader
        self.cfg = cfg
        params = [p for p in detector.parameters() if p.requires_grad]
        self.opt = torch.optim.SGD(params, lr=cfg.TRAIN.BASE_LR, momentum=0.9,
                                   weight_decay=cfg.TRAIN.WD)
        ramp = cfg.TRAIN.WARM_ITERS
        self.ramp_sched = LambdaLR(
            self.opt, lambda it: min(1.0, 0.001 + 0.999 * (it + 1) / ramp))
        self.decay_sched = MultiStepLR(self.opt, milestones=cfg.TRAIN.LR_STEPS,
                                       gamma=0.1)
        self.iteration = 0

    def train_one_epoch(self, epoch):
        self.detector.train()
        for images, targets in self.loader:
            images = [img.cuda() for img in images]
            targets = [{k: v.cuda() for k, v in t.items()} for t in targets]
            loss_dict = self.detector(images, targets)
            losses = sum(loss_dict.values())
            self.opt.zero_grad()
            losses.backward()
            self.opt.step()
            self.ramp_sched.step()
            self.iteration += 1
            if self.iteration % 20 == 0:
                print(f"[{epoch}] it {self.iteration} loss {losses.item():.3f}")

    def run(self):
        for epoch in range(self.cfg.TRAIN.EPOCHS):
            self.train_one_epoch(epoch)
            self.decay_sched.step()
            torch.save({"model": self.detector.state_dict(),
                        "optimizer": self.opt.state_dict(),
                        "ramp": self.ramp_sched.state_dict(),
                        "decay": self.decay_sched.state_dict()},
                       f"{self.cfg.OUTPUT_DIR}/model_{epoch}.pth")

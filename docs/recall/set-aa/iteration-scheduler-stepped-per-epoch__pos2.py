import torch
from torch.optim.lr_scheduler import LambdaLR


class DetTrainer:
    def __init__(self, detector, data_loader, cfg):
        self.detector = detector
        self.data_loader = data_loader
        self.cfg = cfg
        self.max_iters = cfg.SOLVER.MAX_ITER
        self.opt = torch.optim.SGD(
            detector.parameters(),
            lr=cfg.SOLVER.BASE_LR,
            momentum=cfg.SOLVER.MOMENTUM,
            weight_decay=cfg.SOLVER.WEIGHT_DECAY,
        )
        self.lr_sched = LambdaLR(self.opt, lr_lambda=self._linear_decay)

    def _linear_decay(self, it):
        return max(0.0, 1.0 - it / self.max_iters)

    def _run_epoch(self, epoch):
        self.detector.train()
        for images, targets in self.data_loader:
            images = [img.cuda() for img in images]
            targets = [{k: v.cuda() for k, v in t.items()} for t in targets]
            loss_dict = self.detector(images, targets)
            losses = sum(loss_dict.values())
            self.opt.zero_grad()
            losses.backward()
            self.opt.step()
        return {k: v.item() for k, v in loss_dict.items()}

    def fit(self, num_epochs):
        for epoch in range(num_epochs):
            last = self._run_epoch(epoch)
            self.lr_sched.step()
            print(epoch, last, self.lr_sched.get_last_lr())
            torch.save(
                {
                    "model": self.detector.state_dict(),
                    "optimizer": self.opt.state_dict(),
                    "scheduler": self.lr_sched.state_dict(),
                    "epoch": epoch,
                },
                self.cfg.OUTPUT_DIR + "/model_last.pth",
            )

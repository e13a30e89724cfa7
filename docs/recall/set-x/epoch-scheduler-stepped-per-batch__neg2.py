import logging

import torch
from torch import nn
from torch.optim.lr_scheduler import StepLR

log = logging.getLogger(__name__)


class ClassifierTrainer:
    def __init__(self, backbone, loaders, cfg):
        self.backbone = backbone
        self.loaders = loaders
        self.cfg = cfg
        self.crit = nn.CrossEntropyLoss()
        self.opt = torch.optim.SGD(backbone.parameters(), lr=cfg.TRAIN.LR,
                                   momentum=0.9, weight_decay=cfg.TRAIN.WD)
        self.sched = StepLR(self.opt, step_size=cfg.TRAIN.DECAY_EPOCHS, gamma=0.1)

    def _run_batches(self, epoch):
        self.backbone.train()
        for i, (inp, tgt) in enumerate(self.loaders["train"]):
            inp, tgt = inp.cuda(non_blocking=True), tgt.cuda(non_blocking=True)
            loss = self.crit(self.backbone(inp), tgt)
            self.opt.zero_grad()
            loss.backward()
            self.opt.step()
            if i % 100 == 0:
                log.info("epoch %d iter %d loss %.4f", epoch, i, loss.item())

    @torch.no_grad()
    def _evaluate(self):
        self.backbone.eval()
        hits = n = 0
        for inp, tgt in self.loaders["val"]:
            pred = self.backbone(inp.cuda()).argmax(dim=1)
            hits += (pred.cpu() == tgt).sum().item()
            n += tgt.numel()
        return hits / n

    def run(self):
        for epoch in range(self.cfg.TRAIN.EPOCHS):
            self._run_batches(epoch)
            self.sched.step()
            acc = self._evaluate()
            log.info("epoch %d top1 %.3f lr %.5f", epoch, acc, self.sched.get_last_lr()[0])

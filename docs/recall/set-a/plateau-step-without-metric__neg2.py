import logging

import torch
from torch.optim.lr_scheduler import ReduceLROnPlateau

logger = logging.getLogger(__name__)


class Trainer:
    def __init__(self, net, cfg, device="cuda"):
        self.net = net.to(device)
        self.cfg = cfg
        self.device = device
        self.opt = torch.optim.AdamW(net.parameters(), lr=cfg.TRAIN.LR, weight_decay=cfg.TRAIN.WD)
        self.sched = ReduceLROnPlateau(self.opt, mode="max", factor=0.3, patience=cfg.TRAIN.PATIENCE)

    @torch.no_grad()
    def evaluate(self, loader):
        self.net.eval()
        hits, n = 0, 0
        for x, y in loader:
            hits += (self.net(x.to(self.device)).argmax(-1) == y.to(self.device)).sum().item()
            n += y.numel()
        self.net.train()
        return {"acc": hits / max(1, n)}

    def fit(self, train_loader, val_loader):
        self.net.train()
        for epoch in range(self.cfg.TRAIN.EPOCHS):
            for step, (x, y) in enumerate(train_loader):
                loss = torch.nn.functional.cross_entropy(self.net(x.to(self.device)), y.to(self.device))
                self.opt.zero_grad(set_to_none=True)
                loss.backward()
                self.opt.step()
                if step % 100 == 0:
                    logger.info("epoch %d step %d loss %.4f", epoch, step, loss.item())
            metrics = self.evaluate(val_loader)
            self.sched.step(metrics["acc"])
            logger.info("epoch %d: acc %.4f lr %.2e", epoch, metrics["acc"], self.opt.param_groups[0]["lr"])

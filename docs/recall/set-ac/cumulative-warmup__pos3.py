import torch
from torch.nn.utils import clip_grad_norm_


def warmup_lr(optimizer, cur_iter, warmup_iters, warmup_ratio):
    k = (1 - cur_iter / warmup_iters) * (1 - warmup_ratio)
    for param_group in optimizer.param_groups:
        param_group["lr"] = param_group["lr"] * (1 - k)


class Trainer:
    def __init__(self, segmentor, loader, cfg):
        self.segmentor = segmentor
        self.loader = loader
        self.cfg = cfg
        self.optimizer = torch.optim.SGD(
            segmentor.parameters(), lr=cfg.TRAIN.LR, momentum=0.9, weight_decay=cfg.TRAIN.WD
        )
        self.iter = 0

    def run_epoch(self):
        self.segmentor.train()
        warm = self.cfg.TRAIN.WARM
        for data in self.loader:
            if self.iter < warm:
                warmup_lr(self.optimizer, self.iter, warm, self.cfg.TRAIN.WARM_RATIO)
            losses = self.segmentor(data["img"], data["gt_semantic_seg"])
            loss = sum(losses.values())
            self.optimizer.zero_grad()
            loss.backward()
            clip_grad_norm_(self.segmentor.parameters(), max_norm=35)
            self.optimizer.step()
            self.iter += 1

    def train(self):
        for epoch in range(self.cfg.TRAIN.EPOCHS):
            self.run_epoch()
            torch.save({"model": self.segmentor.state_dict(),
                        "optimizer": self.optimizer.state_dict(),
                        "iter": self.iter}, f"epoch_{epoch}.pth")

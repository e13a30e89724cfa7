import torch
from torch.optim.lr_scheduler import MultiStepLR


class ReIDTrainer:
    def __init__(self, backbone, loader, cfg):
        self.backbone = backbone
        self.loader = loader
        self.cfg = cfg
        self.opt = torch.optim.Adam(backbone.parameters(), lr=cfg.SOLVER.BASE_LR,
                                    weight_decay=cfg.SOLVER.WEIGHT_DECAY)
        self.ce = torch.nn.CrossEntropyLoss()
        self.epoch = 0

    def _train_epoch(self):
        self.backbone.train()
        correct, seen = 0, 0
        for imgs, pids in self.loader:
            imgs, pids = imgs.cuda(), pids.cuda()
            scores, feats = self.backbone(imgs)
            loss = self.ce(scores, pids)
            self.opt.zero_grad()
            loss.backward()
            self.opt.step()
            correct += (scores.argmax(1) == pids).sum().item()
            seen += pids.size(0)
        return correct / max(seen, 1)

    def run(self):
        while self.epoch < self.cfg.SOLVER.MAX_EPOCHS:
            self.sched = MultiStepLR(self.opt, milestones=self.cfg.SOLVER.STEPS, gamma=0.1)
            acc = self._train_epoch()
            self.sched.step()
            print(f"Epoch {self.epoch} acc {acc:.3f} lr {self.sched.get_last_lr()[0]:.2e}")
            self.epoch += 1

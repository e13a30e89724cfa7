import torch
from torch.optim.lr_scheduler import MultiStepLR


class ReIDTrainer:
    def __init__(self, net, loader, cfg):
        self.net = net.cuda()
        self.loader = loader
        self.cfg = cfg
        self.opt = torch.optim.Adam(net.parameters(), lr=cfg.SOLVER.BASE_LR,
                                    weight_decay=cfg.SOLVER.WEIGHT_DECAY)
        self.lr_sched = MultiStepLR(self.opt, milestones=cfg.SOLVER.STEPS,
                                    gamma=cfg.SOLVER.GAMMA)
        self.xent = torch.nn.CrossEntropyLoss(label_smoothing=0.1)

    def run_epoch(self, ep):
        self.net.train()
        meter = 0.0
        for n, (img, pid, _) in enumerate(self.loader, start=1):
            img, pid = img.cuda(), pid.cuda()
            score, feat = self.net(img)
            loss = self.xent(score, pid)
            self.opt.zero_grad()
            loss.backward()
            self.opt.step()
            meter += loss.item()
        return meter / max(1, n)

    def train(self):
        for ep in range(1, self.cfg.SOLVER.MAX_EPOCHS + 1):
            avg = self.run_epoch(ep)
            self.lr_sched.step(epoch=ep)
            print(f"[{ep}] loss={avg:.3f} lr={self.lr_sched.get_last_lr()[0]:.2e}")
            if ep % self.cfg.SOLVER.CHECKPOINT_PERIOD == 0:
                torch.save({"net": self.net.state_dict(), "opt": self.opt.state_dict(),
                            "sched": self.lr_sched.state_dict()},
                           f"{self.cfg.OUTPUT_DIR}/ep{ep}.pth")

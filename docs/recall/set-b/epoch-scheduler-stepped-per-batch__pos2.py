import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import MultiStepLR


class Trainer:
    def __init__(self, net, train_loader, cfg):
        self.net = net
        self.loader = train_loader
        self.cfg = cfg
        self.device = torch.device(cfg.get("device", "cuda"))
        self.net.to(self.device)
        self.opt = torch.optim.SGD(
            self.net.parameters(),
            lr=cfg["lr"],
            momentum=0.9,
            weight_decay=cfg["weight_decay"],
        )
        # decay by 10x at epochs 30, 60 and 90
        self.lr_sched = MultiStepLR(self.opt, milestones=cfg["milestones"], gamma=0.1)
        self.global_step = 0

    def train_step(self, batch):
        x, y = (t.to(self.device, non_blocking=True) for t in batch)
        logits = self.net(x)
        loss = F.cross_entropy(logits, y, label_smoothing=0.1)
        self.opt.zero_grad(set_to_none=True)
        loss.backward()
        self.opt.step()
        self.lr_sched.step()
        self.global_step += 1
        return loss.item()

    def train_epoch(self, epoch):
        self.net.train()
        total = 0.0
        for i, batch in enumerate(self.loader):
            total += self.train_step(batch)
            if i % self.cfg["log_every"] == 0:
                print(f"[{epoch}][{i}/{len(self.loader)}] loss={total / (i + 1):.4f}")
        return total / len(self.loader)

    def fit(self):
        for epoch in range(self.cfg["epochs"]):
            self.train_epoch(epoch)
            torch.save(
                {
                    "net": self.net.state_dict(),
                    "opt": self.opt.state_dict(),
                    "sched": self.lr_sched.state_dict(),
                    "epoch": epoch,
                },
                f"{self.cfg['out_dir']}/ckpt.pt",
            )


DEFAULT_CFG = {
    "lr": 0.1,
    "weight_decay": 1e-4,
    "milestones": [30, 60, 90],
    "epochs": 100,
    "log_every": 50,
    "out_dir": "runs/resnet50",
}

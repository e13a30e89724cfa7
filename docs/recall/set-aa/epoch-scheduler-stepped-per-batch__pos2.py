import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import MultiStepLR

DEFAULT_CFG = {
    "device": "cuda",
    "epochs": 90,
    "base_lr": 0.1,
    "weight_decay": 1e-4,
    "milestones": [30, 60, 80],
    "log_every": 100,
}


class Trainer:
    def __init__(self, net, train_loader, val_loader, cfg=None):
        self.net = net
        self.train_loader = train_loader
        self.val_loader = val_loader
        self.cfg = cfg = cfg if cfg is not None else dict(DEFAULT_CFG)
        self.device = torch.device(cfg["device"])
        self.opt = torch.optim.SGD(
            net.parameters(), lr=cfg["base_lr"], momentum=0.9, weight_decay=cfg["weight_decay"]
        )
        # decay by 10x at epochs 30, 60 and 80
        self.lr_sched = MultiStepLR(self.opt, milestones=cfg["milestones"], gamma=0.1)

    def _train_step(self, images, labels):
        images = images.to(self.device, non_blocking=True)
        labels = labels.to(self.device, non_blocking=True)
        logits = self.net(images)
        loss = F.cross_entropy(logits, labels, label_smoothing=0.1)
        self.opt.zero_grad(set_to_none=True)
        loss.backward()
        self.opt.step()
        self.lr_sched.step()
        return loss.item()

    def train_epoch(self, epoch):
        self.net.train()
        total = 0.0
        for step, (images, labels) in enumerate(self.train_loader):
            total += self._train_step(images, labels)
            if step % self.cfg["log_every"] == 0:
                print(f"[{epoch}][{step}] lr={self.lr_sched.get_last_lr()[0]:.5f}")
        return total / max(1, len(self.train_loader))

    @torch.no_grad()
    def validate(self):
        self.net.eval()
        hits, seen = 0, 0
        for images, labels in self.val_loader:
            images, labels = images.to(self.device), labels.to(self.device)
            hits += (self.net(images).argmax(1) == labels).sum().item()
            seen += labels.size(0)
        self.net.train()
        return hits / seen

    def fit(self):
        for epoch in range(self.cfg["epochs"]):
            loss = self.train_epoch(epoch)
            acc = self.validate()
            print(f"epoch {epoch}: loss={loss:.4f} val_acc={acc:.4f}")
            torch.save({"net": self.net.state_dict(), "opt": self.opt.state_dict(),
                        "sched": self.lr_sched.state_dict(), "epoch": epoch}, "last.pt")

import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import MultiStepLR


class SegTrainer:
    """Trains a segmentation network with a step-decay schedule."""

    def __init__(self, net, train_loader, val_loader, cfg):
        self.net = net
        self.train_loader = train_loader
        self.val_loader = val_loader
        self.cfg = cfg
        self.device = torch.device(cfg["device"])
        self.opt = torch.optim.SGD(
            self.net.parameters(),
            lr=cfg["base_lr"],
            momentum=0.9,
            weight_decay=cfg["weight_decay"],
        )
        # decay by 10x at epochs 60 and 90
        self.lr_sched = MultiStepLR(self.opt, milestones=cfg["milestones"], gamma=0.1)

    def train_one_epoch(self, epoch):
        self.net.train()
        total = 0.0
        for it, batch in enumerate(self.train_loader):
            img = batch["image"].to(self.device)
            mask = batch["mask"].to(self.device)

            out = self.net(img)
            loss = F.cross_entropy(out, mask, ignore_index=255)

            self.opt.zero_grad()
            loss.backward()
            self.opt.step()
            self.lr_sched.step()

            total += loss.item()
        return total / max(1, len(self.train_loader))

    @torch.no_grad()
    def validate(self):
        self.net.eval()
        correct, count = 0, 0
        for batch in self.val_loader:
            img = batch["image"].to(self.device)
            mask = batch["mask"].to(self.device)
            pred = self.net(img).argmax(1)
            valid = mask != 255
            correct += (pred[valid] == mask[valid]).sum().item()
            count += valid.sum().item()
        self.net.train()
        return correct / max(1, count)

    def fit(self):
        for epoch in range(self.cfg["epochs"]):
            loss = self.train_one_epoch(epoch)
            acc = self.validate()
            print(f"[{epoch:03d}] loss={loss:.4f} pixacc={acc:.4f}")


DEFAULT_CFG = {
    "device": "cuda",
    "base_lr": 0.01,
    "weight_decay": 1e-4,
    "milestones": [60, 90],
    "epochs": 120,
}

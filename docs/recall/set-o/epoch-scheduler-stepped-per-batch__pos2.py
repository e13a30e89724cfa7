import torch
from torch import nn
from torch.optim.lr_scheduler import MultiStepLR


class Trainer:
    def __init__(self, net, train_loader, val_loader, cfg):
        self.net = net
        self.train_loader = train_loader
        self.val_loader = val_loader
        self.max_epochs = cfg["max_epochs"]
        self.device = cfg.get("device", "cuda")
        self.loss_fn = nn.CrossEntropyLoss(label_smoothing=0.1)
        self.opt = torch.optim.SGD(
            self.net.parameters(), lr=cfg["base_lr"], momentum=0.9, weight_decay=1e-4
        )
        self.lr_sched = MultiStepLR(
            self.opt,
            milestones=[int(0.5 * self.max_epochs), int(0.75 * self.max_epochs)],
            gamma=0.1,
        )

    def train_one_epoch(self, epoch):
        self.net.train()
        total, seen = 0.0, 0
        for batch_idx, (images, labels) in enumerate(self.train_loader):
            images = images.to(self.device, non_blocking=True)
            labels = labels.to(self.device, non_blocking=True)
            logits = self.net(images)
            loss = self.loss_fn(logits, labels)
            self.opt.zero_grad(set_to_none=True)
            loss.backward()
            self.opt.step()
            self.lr_sched.step()
            total += loss.item() * images.size(0)
            seen += images.size(0)
            if batch_idx % 100 == 0:
                print(f"[{epoch}][{batch_idx}] loss={loss.item():.4f}")
        return total / seen

    @torch.no_grad()
    def validate(self):
        self.net.eval()
        hits, n = 0, 0
        for images, labels in self.val_loader:
            out = self.net(images.to(self.device))
            hits += (out.argmax(1).cpu() == labels).sum().item()
            n += labels.numel()
        return hits / n

    def fit(self):
        best = 0.0
        for epoch in range(self.max_epochs):
            train_loss = self.train_one_epoch(epoch)
            acc = self.validate()
            best = max(best, acc)
            print(f"epoch {epoch}: train {train_loss:.4f} val {acc:.4f} best {best:.4f}")
        return best

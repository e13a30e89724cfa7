import torch
import torch.nn as nn
from torch.optim.lr_scheduler import StepLR
from torch.utils.data import DataLoader


class ClassifierTrainer:
    def __init__(self, backbone, train_set, val_set, args):
        self.args = args
        self.dev = torch.device("cuda")
        self.backbone = backbone.to(self.dev)
        self.train_loader = DataLoader(train_set, batch_size=args.batch_size,
                                       shuffle=True, num_workers=8)
        self.val_loader = DataLoader(val_set, batch_size=args.batch_size,
                                     shuffle=False, num_workers=8)
        self.loss_fn = nn.CrossEntropyLoss()
        self.optim = torch.optim.SGD(self.backbone.parameters(), lr=args.lr,
                                     momentum=0.9, weight_decay=1e-4)
        self.lr_policy = StepLR(self.optim, step_size=args.lr_step_epochs, gamma=0.1)

    def _train_epoch(self):
        self.backbone.train()
        for x, y in self.train_loader:
            x, y = x.to(self.dev), y.to(self.dev)
            loss = self.loss_fn(self.backbone(x), y)
            self.optim.zero_grad()
            loss.backward()
            self.optim.step()

    @torch.no_grad()
    def _validate(self):
        self.backbone.eval()
        hits, n = 0, 0
        for x, y in self.val_loader:
            x, y = x.to(self.dev), y.to(self.dev)
            hits += (self.backbone(x).argmax(dim=1) == y).sum().item()
            n += y.size(0)
        return hits / n

    def run(self):
        best = 0.0
        for epoch in range(self.args.epochs):
            self._train_epoch()
            self.lr_policy.step()
            acc = self._validate()
            if acc > best:
                best = acc
                torch.save(self.backbone.state_dict(), "best.pth")
            print(f"epoch {epoch} val acc {acc:.4f} best {best:.4f}")

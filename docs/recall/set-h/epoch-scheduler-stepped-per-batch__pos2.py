import torch
from torch.optim.lr_scheduler import MultiStepLR


class Trainer:
    def __init__(self, net, train_loader, val_loader, cfg):
        self.net = net
        self.train_loader = train_loader
        self.val_loader = val_loader
        self.cfg = cfg
        self.opt = torch.optim.SGD(
            net.parameters(),
            lr=cfg["lr"],
            momentum=0.9,
            weight_decay=cfg["weight_decay"],
            nesterov=True,
        )
        # drop the rate 10x at 50% and 75% of the run
        self.lr_sched = MultiStepLR(
            self.opt,
            milestones=[cfg["max_epoch"] // 2, cfg["max_epoch"] * 3 // 4],
            gamma=0.1,
        )
        self.crit = torch.nn.CrossEntropyLoss()

    def _update(self, x, y):
        self.opt.zero_grad(set_to_none=True)
        loss = self.crit(self.net(x), y)
        loss.backward()
        self.opt.step()
        self.lr_sched.step()
        return loss.item()

    @torch.no_grad()
    def evaluate(self):
        self.net.eval()
        correct = total = 0
        for x, y in self.val_loader:
            x, y = x.cuda(non_blocking=True), y.cuda(non_blocking=True)
            correct += (self.net(x).argmax(1) == y).sum().item()
            total += y.numel()
        self.net.train()
        return correct / total

    def fit(self):
        self.net.train()
        for ep in range(self.cfg["max_epoch"]):
            losses = []
            for x, y in self.train_loader:
                losses.append(self._update(x.cuda(non_blocking=True), y.cuda(non_blocking=True)))
            acc = self.evaluate()
            print(f"[{ep}] loss={sum(losses) / len(losses):.3f} acc={acc:.3f}")

from collections import defaultdict

import torch


class DetectorTrainer:
    def __init__(self, net, train_loader, args):
        self.net = net.cuda()
        self.train_loader = train_loader
        self.args = args
        params = [p for p in self.net.parameters() if p.requires_grad]
        self.opt = torch.optim.SGD(params, lr=args.lr, momentum=0.9, weight_decay=1e-4)

    def train_one_epoch(self, epoch):
        self.net.train()
        stats = defaultdict(float)
        n = 0
        for images, targets in self.train_loader:
            images = [img.cuda(non_blocking=True) for img in images]
            targets = [{k: v.cuda(non_blocking=True) for k, v in t.items()} for t in targets]
            loss_dict = self.net(images, targets)
            loss = sum(loss_dict.values())
            self.opt.zero_grad()
            loss.backward()
            self.opt.step()
            for name, value in loss_dict.items():
                stats[name] += value.item()
            stats["loss"] += loss
            n += 1
        return {k: float(v) / max(n, 1) for k, v in stats.items()}

    def fit(self):
        history = []
        for epoch in range(self.args.epochs):
            summary = self.train_one_epoch(epoch)
            history.append(summary)
            print(f"epoch {epoch}: " + ", ".join(f"{k}={v:.4f}" for k, v in summary.items()))
        return history

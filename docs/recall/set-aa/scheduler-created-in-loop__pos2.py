import torch
import torch.nn as nn
from torch.optim.lr_scheduler import CosineAnnealingLR


class PointCloudTrainer:
    def __init__(self, net, train_loader, test_loader, args):
        self.net = net.cuda()
        self.train_loader = train_loader
        self.test_loader = test_loader
        self.args = args
        self.opt = torch.optim.SGD(net.parameters(), lr=args.lr * 100, momentum=0.9,
                                   weight_decay=1e-4)
        self.crit = nn.CrossEntropyLoss(label_smoothing=0.2)

    def train_epoch(self, epoch):
        lr_sched = CosineAnnealingLR(self.opt, T_max=self.args.n_epochs, eta_min=self.args.lr)
        self.net.train()
        n_batches, total = 0, 0.0
        for pts, label in self.train_loader:
            pts, label = pts.cuda().permute(0, 2, 1), label.cuda().squeeze()
            self.opt.zero_grad()
            loss = self.crit(self.net(pts), label)
            loss.backward()
            self.opt.step()
            total += loss.item()
            n_batches += 1
        lr_sched.step()
        return total / max(n_batches, 1)

    @torch.no_grad()
    def test(self):
        self.net.eval()
        ok = seen = 0
        for pts, label in self.test_loader:
            pts, label = pts.cuda().permute(0, 2, 1), label.cuda().squeeze()
            ok += (self.net(pts).argmax(1) == label).sum().item()
            seen += label.numel()
        self.net.train()
        return ok / seen

    def run(self):
        best = 0.0
        for epoch in range(self.args.n_epochs):
            loss = self.train_epoch(epoch)
            acc = self.test()
            if acc > best:
                best = acc
                torch.save(self.net.state_dict(), "dgcnn_best.t7")
            print(f"epoch {epoch} loss {loss:.4f} test_acc {acc:.4f} best {best:.4f}")

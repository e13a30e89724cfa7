import torch
from torch.optim.lr_scheduler import MultiStepLR


class Trainer:
    def __init__(self, net, loaders, cfg):
        self.net = net.cuda()
        self.train_loader, self.val_loader = loaders
        self.cfg = cfg
        self.opt = torch.optim.SGD(net.parameters(), lr=cfg.lr, momentum=0.9,
                                   weight_decay=cfg.weight_decay)
        self.lr_sched = MultiStepLR(self.opt, milestones=cfg.milestones, gamma=0.1)
        self.crit = torch.nn.CrossEntropyLoss()
        self.start_epoch = 0

    def train_epoch(self, epoch):
        self.net.train()
        for inputs, labels in self.train_loader:
            inputs, labels = inputs.cuda(), labels.cuda()
            loss = self.crit(self.net(inputs), labels)
            self.opt.zero_grad()
            loss.backward()
            self.opt.step()

    @torch.no_grad()
    def validate(self, epoch):
        self.net.eval()
        hits = n = 0
        for inputs, labels in self.val_loader:
            out = self.net(inputs.cuda())
            hits += (out.argmax(1).cpu() == labels).sum().item()
            n += labels.size(0)
        print(f"epoch {epoch}: top1 {100.0 * hits / n:.2f}")

    def fit(self):
        for epoch in range(self.start_epoch, self.cfg.epochs):
            self.lr_sched.step()
            self.train_epoch(epoch)
            self.validate(epoch)
            torch.save({"net": self.net.state_dict(), "opt": self.opt.state_dict(),
                        "sched": self.lr_sched.state_dict(), "epoch": epoch}, "last.pth")

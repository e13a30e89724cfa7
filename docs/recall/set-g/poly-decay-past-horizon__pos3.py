import torch
from torch.optim.lr_scheduler import LambdaLR

cfg = {
    "lr": 2.5e-4,
    "total": 80000,
    "gamma": 0.9,
    "batch_size": 8,
}


class SegTrainer:
    def __init__(self, net, loader):
        self.net = net
        self.loader = loader
        self.opt = torch.optim.SGD(net.parameters(), lr=cfg["lr"], momentum=0.9, weight_decay=5e-4)
        total = cfg["total"]
        gamma = cfg["gamma"]
        self.lr_sched = LambdaLR(self.opt, lambda it: (1 - it / total) ** gamma)

    def step(self, images, labels):
        pred = self.net(images)
        loss = torch.nn.functional.cross_entropy(pred, labels, ignore_index=255)
        self.opt.zero_grad()
        loss.backward()
        self.opt.step()
        self.lr_sched.step()
        return loss.item()

    def train(self, epochs):
        for epoch in range(epochs):
            self.net.train()
            for i, (images, labels) in enumerate(self.loader):
                loss = self.step(images, labels)
                if i % 50 == 0:
                    print(epoch, i, loss, self.lr_sched.get_last_lr()[0])

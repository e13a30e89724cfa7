import torch
from torch.optim.lr_scheduler import ChainedScheduler, ConstantLR, ExponentialLR


class PoseTrainer:
    def __init__(self, cfg, net, loader):
        self.cfg = cfg
        self.net = net.cuda()
        self.loader = loader
        self.optimizer = torch.optim.Adam(self.net.parameters(), lr=cfg["lr"])
        # low constant LR for the first epochs, exponential decay throughout
        self.lr_sched = ChainedScheduler([
            ConstantLR(self.optimizer, factor=0.1, total_iters=cfg["warm_epochs"]),
            ExponentialLR(self.optimizer, gamma=cfg["gamma"]),
        ])
        self.criterion = torch.nn.MSELoss()

    def run_iter(self, imgs, heatmaps, weights):
        pred = self.net(imgs.cuda())
        loss = self.criterion(pred * weights.cuda(), heatmaps.cuda() * weights.cuda())
        self.optimizer.zero_grad()
        loss.backward()
        self.optimizer.step()
        return loss.item()

    def run_epoch(self, epoch):
        self.net.train()
        meter = 0.0
        for i, (imgs, heatmaps, weights) in enumerate(self.loader):
            meter += self.run_iter(imgs, heatmaps, weights)
            if i % self.cfg["print_freq"] == 0:
                lr = self.lr_sched.get_last_lr()[0]
                print(f"epoch {epoch} [{i}/{len(self.loader)}] loss {meter / (i + 1):.6f} lr {lr:.2e}")
        self.lr_sched.step()

    def train(self):
        for epoch in range(self.cfg["epochs"]):
            self.run_epoch(epoch)
            torch.save({
                "net": self.net.state_dict(),
                "optimizer": self.optimizer.state_dict(),
                "lr_sched": self.lr_sched.state_dict(),
                "epoch": epoch,
            }, self.cfg["ckpt"])


import torch
from torch.optim.lr_scheduler import LambdaLR, StepLR


class PoseTrainer:
    def __init__(self, cfg, net, loader):
        self.cfg = cfg
        self.net = net.cuda()
        self.loader = loader
        self.optimizer = torch.optim.Adam(self.net.parameters(), lr=cfg["lr"])
        n_warm = max(1, cfg["warm_iters"])
        self.warmup_sched = LambdaLR(self.optimizer, lambda it: min(1.0, (it + 1) / n_warm))
        self.decay_sched = StepLR(self.optimizer, step_size=cfg["decay_epochs"], gamma=0.1)
        self.criterion = torch.nn.MSELoss()
        self.iteration = 0

    def run_iter(self, imgs, heatmaps, weights):
        pred = self.net(imgs.cuda())
        loss = self.criterion(pred * weights.cuda(), heatmaps.cuda() * weights.cuda())
        self.optimizer.zero_grad()
        loss.backward()
        self.optimizer.step()
        self.warmup_sched.step()
        self.iteration += 1
        return loss.item()

    def run_epoch(self, epoch):
        self.net.train()
        meter = 0.0
        for i, (imgs, heatmaps, weights) in enumerate(self.loader):
            meter += self.run_iter(imgs, heatmaps, weights)
            if i % self.cfg["print_freq"] == 0:
                lr = self.optimizer.param_groups[0]["lr"]
                print(f"epoch {epoch} [{i}/{len(self.loader)}] loss {meter / (i + 1):.6f} lr {lr:.2e}")
        self.decay_sched.step()

    def train(self):
        for epoch in range(self.cfg["epochs"]):
            self.run_epoch(epoch)
            torch.save({
                "net": self.net.state_dict(),
                "optimizer": self.optimizer.state_dict(),
                "warmup": self.warmup_sched.state_dict(),
                "decay": self.decay_sched.state_dict(),
                "epoch": epoch,
            }, self.cfg["ckpt"])

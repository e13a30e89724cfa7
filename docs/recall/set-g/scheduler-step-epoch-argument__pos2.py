import torch
from torch.optim.lr_scheduler import StepLR


class Trainer:
    def __init__(self, net, train_loader, val_loader, cfg):
        self.net = net
        self.train_loader = train_loader
        self.val_loader = val_loader
        self.cfg = cfg
        self.opt = torch.optim.Adam(net.parameters(), lr=cfg.lr)
        self.lr_sched = StepLR(self.opt, step_size=cfg.step_size, gamma=cfg.gamma)
        self.start_epoch = 0

    def resume(self, path):
        ckpt = torch.load(path, map_location="cpu")
        self.net.load_state_dict(ckpt["net"])
        self.opt.load_state_dict(ckpt["opt"])
        if "sched" in ckpt:
            self.lr_sched.load_state_dict(ckpt["sched"])
        self.start_epoch = ckpt["epoch"] + 1

    def train_epoch(self):
        self.net.train()
        for x, y in self.train_loader:
            loss = torch.nn.functional.l1_loss(self.net(x), y)
            self.opt.zero_grad()
            loss.backward()
            self.opt.step()

    @torch.no_grad()
    def validate(self):
        self.net.eval()
        total = sum(torch.nn.functional.l1_loss(self.net(x), y).item() for x, y in self.val_loader)
        self.net.train()
        return total / max(1, len(self.val_loader))

    def fit(self):
        for ep in range(self.start_epoch, self.cfg.epochs):
            self.train_epoch()
            self.lr_sched.step(epoch=ep)
            print(f"ep {ep} val {self.validate():.4f}")

import torch
from torch.optim.lr_scheduler import StepLR


class Trainer:
    def __init__(self, model, loader, criterion, args):
        self.model = model.cuda()
        self.loader = loader
        self.criterion = criterion
        self.args = args
        self.optimizer = torch.optim.SGD(model.parameters(), args.lr, momentum=args.momentum,
                                         weight_decay=args.weight_decay)
        self.scheduler = StepLR(self.optimizer, step_size=30, gamma=0.1)
        self.epoch = 0

    def state_dict(self):
        return {
            "epoch": self.epoch,
            "state_dict": self.model.state_dict(),
            "optimizer": self.optimizer.state_dict(),
            "scheduler": self.scheduler.state_dict(),
        }

    def load(self, path):
        ckpt = torch.load(path, map_location="cuda")
        self.model.load_state_dict(ckpt["state_dict"])
        self.optimizer.load_state_dict(ckpt["optimizer"])
        self.scheduler.load_state_dict(ckpt["scheduler"])
        self.epoch = ckpt["epoch"] + 1

    def run(self):
        while self.epoch < self.args.epochs:
            self.model.train()
            for images, target in self.loader:
                images = images.cuda(non_blocking=True)
                target = target.cuda(non_blocking=True)
                loss = self.criterion(self.model(images), target)
                self.optimizer.zero_grad()
                loss.backward()
                self.optimizer.step()
            self.scheduler.step()
            torch.save(self.state_dict(), self.args.ckpt_path)
            self.epoch += 1

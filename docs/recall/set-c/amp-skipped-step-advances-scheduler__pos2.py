import torch
from torch import nn
from torch.optim.lr_scheduler import LambdaLR


class AmpTrainer:
    def __init__(self, net, loader, hp):
        self.net = net.cuda()
        self.loader = loader
        self.hp = hp
        self.opt = torch.optim.SGD(self.net.parameters(), lr=hp["lr"], momentum=0.9,
                                   weight_decay=hp["wd"])
        ramp = max(1, hp["ramp"])
        self.lr_sched = LambdaLR(self.opt, lambda it: min(1.0, (it + 1) / ramp))
        self.scaler = torch.amp.GradScaler("cuda")
        self.crit = nn.CrossEntropyLoss()

    def train_step(self, imgs, labels):
        self.opt.zero_grad(set_to_none=True)
        with torch.autocast("cuda", dtype=torch.float16):
            loss = self.crit(self.net(imgs), labels)
        self.scaler.scale(loss).backward()
        self.scaler.unscale_(self.opt)
        nn.utils.clip_grad_norm_(self.net.parameters(), self.hp["max_norm"])
        self.scaler.step(self.opt)
        self.scaler.update()
        self.lr_sched.step()
        return loss.item()

    def train_epoch(self, epoch):
        self.net.train()
        for i, (imgs, labels) in enumerate(self.loader):
            loss = self.train_step(imgs.cuda(non_blocking=True), labels.cuda(non_blocking=True))
            if i % 50 == 0:
                print(f"epoch {epoch} iter {i} loss {loss:.4f}")

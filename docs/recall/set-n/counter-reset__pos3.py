import torch
import torch.nn as nn
from torch.utils.data import DataLoader


class SegTrainer:
    def __init__(self, net, dataset, hp):
        self.net = net
        self.hp = hp
        self.loader = DataLoader(dataset, batch_size=hp["batch"], shuffle=True,
                                 num_workers=hp.get("workers", 4), pin_memory=True)
        self.opt = torch.optim.SGD(net.parameters(), lr=hp["lr"], momentum=0.9,
                                   weight_decay=hp["wd"])
        self.base_lr = hp["lr"]
        self.max_iter = hp["epochs"] * len(self.loader)
        self.iteration = 0
        self.criterion = nn.CrossEntropyLoss(ignore_index=255)

    def _update_lr(self):
        self.iteration = 1
        ramp = self.hp["ramp"]
        if self.iteration < ramp:
            lr = self.base_lr * (self.iteration + 1) / ramp
        else:
            lr = self.base_lr * (0.1 ** (self.iteration // self.hp["drop_every"]))
        for group in self.opt.param_groups:
            group["lr"] = lr * group.get("lr_mult", 1.0)
        return lr

    def train_epoch(self, epoch):
        self.net.train()
        total = 0.0
        for i, (img, mask) in enumerate(self.loader):
            lr = self._update_lr()
            img, mask = img.cuda(non_blocking=True), mask.cuda(non_blocking=True)
            out = self.net(img)
            loss = self.criterion(out, mask)
            self.opt.zero_grad()
            loss.backward()
            self.opt.step()
            total += loss.item()
            if i % 50 == 0:
                print(f"[{epoch}] {i}/{len(self.loader)} loss={loss.item():.4f} lr={lr:.5f}")
        return total / len(self.loader)

    def fit(self):
        for epoch in range(self.hp["epochs"]):
            avg = self.train_epoch(epoch)
            print(f"epoch {epoch} mean loss {avg:.4f}")

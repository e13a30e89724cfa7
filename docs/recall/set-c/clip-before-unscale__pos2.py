import torch
import torch.nn.functional as F
from torch.cuda.amp import GradScaler, autocast


class DetTrainer:
    def __init__(self, net, loader, args):
        self.net = net.cuda()
        self.loader = loader
        self.args = args
        self.optim = torch.optim.SGD(self.net.parameters(), lr=args.lr, momentum=0.937,
                                     nesterov=True)
        self.amp_scaler = GradScaler(enabled=args.amp)

    def train_epoch(self, epoch):
        self.net.train()
        for batch_i, (imgs, targets) in enumerate(self.loader):
            imgs = imgs.cuda(non_blocking=True).float() / 255.0
            targets = targets.cuda()
            self.optim.zero_grad()
            with autocast(enabled=self.args.amp):
                preds = self.net(imgs)
                loss = F.smooth_l1_loss(preds, targets)
            self.amp_scaler.scale(loss).backward()
            torch.nn.utils.clip_grad_value_(self.net.parameters(), self.args.clip_value)
            self.amp_scaler.step(self.optim)
            self.amp_scaler.update()
            if batch_i % 100 == 0:
                print(f"{epoch}/{batch_i}: {loss.item():.4f}")

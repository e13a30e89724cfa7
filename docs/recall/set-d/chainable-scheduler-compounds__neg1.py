import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import LambdaLR


class ScaledLambdaLR(LambdaLR):
    """LambdaLR whose result is scaled by the effective batch size (linear scaling rule)."""

    def __init__(self, optimizer, lr_lambda, batch_size, ref_batch=256, last_epoch=-1):
        self.scale = batch_size / ref_batch
        super().__init__(optimizer, lr_lambda, last_epoch=last_epoch)

    def get_lr(self):
        return [self.scale * lr for lr in super().get_lr()]


def train(net, loader, args):
    opt = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9, weight_decay=args.wd)
    total = max(1, args.epochs)
    sched = ScaledLambdaLR(opt, lambda e: 1.0 - e / total, batch_size=args.batch_size)
    for epoch in range(args.epochs):
        net.train()
        for x, y in loader:
            loss = F.cross_entropy(net(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
        sched.step()

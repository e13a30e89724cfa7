import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import CosineAnnealingLR


class ScaledCosine(CosineAnnealingLR):
    """Cosine annealing with the whole curve scaled by the effective batch size."""

    def __init__(self, optimizer, T_max, batch_size, ref_batch=256, eta_min=0.0, last_epoch=-1):
        self.scale = batch_size / ref_batch
        super().__init__(optimizer, T_max=T_max, eta_min=eta_min, last_epoch=last_epoch)

    def get_lr(self):
        return [self.scale * lr for lr in super().get_lr()]


def train(net, loader, args):
    opt = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9, weight_decay=args.wd)
    sched = ScaledCosine(opt, T_max=args.epochs, batch_size=args.batch_size)
    for epoch in range(args.epochs):
        net.train()
        for x, y in loader:
            loss = F.cross_entropy(net(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
        sched.step()
        print(f"epoch {epoch} lr {sched.get_last_lr()[0]:.5f}")

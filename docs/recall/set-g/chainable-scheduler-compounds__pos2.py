import torch
from torch.optim.lr_scheduler import CosineAnnealingLR


class ScaledCosine(CosineAnnealingLR):
    """Cosine annealing whose output is scaled by the global batch size."""

    def __init__(self, optimizer, T_max, batch_size, ref_batch=256, eta_min=0.0, last_epoch=-1):
        self.scale = batch_size / ref_batch
        super().__init__(optimizer, T_max=T_max, eta_min=eta_min, last_epoch=last_epoch)

    def get_lr(self):
        cosine_lrs = super().get_lr()
        return [lr * self.scale for lr in cosine_lrs]


def build_optim(net, args):
    opt = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9, weight_decay=args.wd, nesterov=True)
    sched = ScaledCosine(opt, T_max=args.epochs, batch_size=args.batch_size * args.world_size)
    return opt, sched


def train(net, loader, args):
    opt, sched = build_optim(net, args)
    for epoch in range(args.epochs):
        net.train()
        for x, y in loader:
            loss = torch.nn.functional.cross_entropy(net(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
        sched.step()

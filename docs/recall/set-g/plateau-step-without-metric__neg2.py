import torch
from torch.optim import lr_scheduler


def get_scheduler(optimizer, opt):
    if opt.lr_policy == "step":
        return lr_scheduler.StepLR(optimizer, step_size=opt.lr_decay_iters, gamma=0.1)
    if opt.lr_policy == "cosine":
        return lr_scheduler.CosineAnnealingLR(optimizer, T_max=opt.n_epochs, eta_min=0)
    if opt.lr_policy == "plateau":
        return lr_scheduler.ReduceLROnPlateau(optimizer, mode="min", factor=0.2, threshold=0.01, patience=5)
    raise NotImplementedError(f"learning rate policy [{opt.lr_policy}] is not implemented")


class BaseModel:
    def __init__(self, opt, net):
        self.opt = opt
        self.net = net
        self.optimizers = [torch.optim.Adam(net.parameters(), lr=opt.lr, betas=(opt.beta1, 0.999))]
        self.schedulers = [get_scheduler(o, opt) for o in self.optimizers]
        self.metric = None

    def update_learning_rate(self, val_metric):
        self.metric = val_metric
        old_lr = self.optimizers[0].param_groups[0]["lr"]
        for scheduler in self.schedulers:
            if isinstance(scheduler, lr_scheduler.ReduceLROnPlateau):
                scheduler.step(self.metric)
            else:
                scheduler.step()
        lr = self.optimizers[0].param_groups[0]["lr"]
        print(f"learning rate {old_lr:.7f} -> {lr:.7f}")

    def optimize_parameters(self, batch):
        loss = self.net(batch)
        self.optimizers[0].zero_grad()
        loss.backward()
        self.optimizers[0].step()

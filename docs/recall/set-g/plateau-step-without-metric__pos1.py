import torch
from torch.optim import lr_scheduler


def get_scheduler(optimizer, opt):
    if opt.lr_policy == "linear":
        def lambda_rule(epoch):
            return 1.0 - max(0, epoch + opt.epoch_count - opt.n_epochs) / float(opt.n_epochs_decay + 1)
        scheduler = lr_scheduler.LambdaLR(optimizer, lr_lambda=lambda_rule)
    elif opt.lr_policy == "step":
        scheduler = lr_scheduler.StepLR(optimizer, step_size=opt.lr_decay_iters, gamma=0.1)
    elif opt.lr_policy == "plateau":
        scheduler = lr_scheduler.ReduceLROnPlateau(optimizer, mode="min", factor=0.2, threshold=0.01, patience=5)
    else:
        raise NotImplementedError(f"learning rate policy [{opt.lr_policy}] is not implemented")
    return scheduler


class BaseModel:
    def __init__(self, opt, net):
        self.opt = opt
        self.net = net
        self.optimizers = [torch.optim.Adam(net.parameters(), lr=opt.lr, betas=(opt.beta1, 0.999))]
        self.schedulers = [get_scheduler(o, opt) for o in self.optimizers]

    def update_learning_rate(self):
        old_lr = self.optimizers[0].param_groups[0]["lr"]
        for scheduler in self.schedulers:
            scheduler.step()
        lr = self.optimizers[0].param_groups[0]["lr"]
        print(f"learning rate {old_lr:.7f} -> {lr:.7f}")

    def optimize_parameters(self, batch):
        loss = self.net(batch)
        self.optimizers[0].zero_grad()
        loss.backward()
        self.optimizers[0].step()

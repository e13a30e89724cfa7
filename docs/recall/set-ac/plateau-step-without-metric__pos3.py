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


def train(netG, loader, opt):
    optimizer_G = torch.optim.Adam(netG.parameters(), lr=opt.lr, betas=(opt.beta1, 0.999))
    schedulers = [get_scheduler(optimizer_G, opt)]
    for epoch in range(opt.epoch_count, opt.n_epochs + opt.n_epochs_decay + 1):
        netG.train()
        for data in loader:
            fake = netG(data["A"])
            loss_G = torch.nn.functional.l1_loss(fake, data["B"])
            optimizer_G.zero_grad()
            loss_G.backward()
            optimizer_G.step()
        for scheduler in schedulers:
            scheduler.step()
        print(f"epoch {epoch} lr = {optimizer_G.param_groups[0]['lr']:.7f}")

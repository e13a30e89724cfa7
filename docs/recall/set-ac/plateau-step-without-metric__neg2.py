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


def validate(netG, val_loader):
    netG.eval()
    total = 0.0
    with torch.no_grad():
        for data in val_loader:
            total += torch.nn.functional.l1_loss(netG(data["A"]), data["B"]).item()
    return total / len(val_loader)


def train(netG, loader, val_loader, opt):
    optimizer_G = torch.optim.Adam(netG.parameters(), lr=opt.lr, betas=(opt.beta1, 0.999))
    scheduler = get_scheduler(optimizer_G, opt)
    for epoch in range(opt.n_epochs):
        netG.train()
        for data in loader:
            loss_G = torch.nn.functional.l1_loss(netG(data["A"]), data["B"])
            optimizer_G.zero_grad()
            loss_G.backward()
            optimizer_G.step()
        val_l1 = validate(netG, val_loader)
        if isinstance(scheduler, lr_scheduler.ReduceLROnPlateau):
            scheduler.step(val_l1)
        else:
            scheduler.step()
        print(f"epoch {epoch} val_l1 {val_l1:.4f} lr = {optimizer_G.param_groups[0]['lr']:.7f}")

import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import MultiStepLR


def train_one_epoch(netG, loader, optimizer, scheduler, log_every=100):
    netG.train()
    for i, data in enumerate(loader):
        lq, gt = data["lq"].cuda(), data["gt"].cuda()
        optimizer.zero_grad()
        loss = F.l1_loss(netG(lq), gt)
        loss.backward()
        optimizer.step()
        scheduler.step()
        if i % log_every == 0:
            print(f"iter {i}: l1 {loss.item():.4f} lr {scheduler.get_last_lr()[0]:.2e}")


def train(netG, loader, opt_cfg):
    netG = netG.cuda()
    optimizer = torch.optim.Adam(netG.parameters(), lr=opt_cfg["lr_g"], betas=(0.9, 0.99))
    # milestones are given in iterations (e.g. [250000, 400000])
    scheduler = MultiStepLR(optimizer, milestones=opt_cfg["milestones"], gamma=0.5)
    for epoch in range(opt_cfg["epochs"]):
        train_one_epoch(netG, loader, optimizer, scheduler)
        torch.save({"netG": netG.state_dict(),
                    "optimizer": optimizer.state_dict(),
                    "scheduler": scheduler.state_dict()}, f"sr_{epoch}.pth")

import os

import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import CosineAnnealingLR
from torch.utils.data import DataLoader

from archs import SRResNet
from datasets import PairedImageDataset


def train(opt_cfg):
    device = torch.device("cuda")
    ds = PairedImageDataset(opt_cfg["lq_dir"], opt_cfg["gt_dir"], patch=opt_cfg["patch"])
    dl = DataLoader(ds, batch_size=opt_cfg["batch"], shuffle=True, num_workers=8, drop_last=True)
    sr_net = SRResNet(scale=opt_cfg["scale"]).to(device)
    adam = torch.optim.Adam(sr_net.parameters(), lr=opt_cfg["lr"], betas=(0.9, 0.99))
    cosine = CosineAnnealingLR(adam, T_max=opt_cfg["n_epochs"], eta_min=1e-7)

    os.makedirs(opt_cfg["out"], exist_ok=True)
    for epoch in range(opt_cfg["n_epochs"]):
        sr_net.train()
        l1_sum = 0.0
        for lq, gt in dl:
            lq, gt = lq.to(device), gt.to(device)
            sr = sr_net(lq)
            l1 = F.l1_loss(sr, gt)
            adam.zero_grad()
            l1.backward()
            adam.step()
            l1_sum += l1.item()
        print(f"epoch {epoch}: l1 {l1_sum / len(dl):.5f} lr {adam.param_groups[0]['lr']:.2e}")
        if (epoch + 1) % 10 == 0:
            torch.save(sr_net.state_dict(), os.path.join(opt_cfg["out"], f"net_g_{epoch + 1}.pth"))

import yaml
import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import MultiStepLR

from pose.data import build_loader
from pose.model import HRNet


def build_scheduler(opt, cfg):
    return MultiStepLR(opt, milestones=cfg["lr_steps"], gamma=cfg["lr_factor"])


def train(cfg_path):
    with open(cfg_path) as f:
        cfg = yaml.safe_load(f)
    net = HRNet(cfg["model"]).cuda()
    opt = torch.optim.Adam(net.parameters(), lr=cfg["lr"])
    loader = build_loader(cfg, train=True)

    epoch = cfg.get("begin_epoch", 0)
    while epoch < cfg["end_epoch"]:
        lr_scheduler = build_scheduler(opt, cfg)
        net.train()
        for i, (img, heatmap, weight) in enumerate(loader):
            img = img.cuda(non_blocking=True)
            heatmap, weight = heatmap.cuda(non_blocking=True), weight.cuda(non_blocking=True)
            pred = net(img)
            loss = 0.5 * F.mse_loss(pred * weight, heatmap * weight)
            opt.zero_grad()
            loss.backward()
            opt.step()
            if i % cfg["print_freq"] == 0:
                print(f"Epoch[{epoch}][{i}/{len(loader)}] loss {loss.item():.6f}")
        lr_scheduler.step()
        torch.save({"epoch": epoch + 1, "state_dict": net.state_dict(),
                    "optimizer": opt.state_dict(), "scheduler": lr_scheduler.state_dict()},
                   cfg["out_dir"] + "/checkpoint.pth")
        epoch += 1

import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import MultiStepLR

SETTINGS = {
    "max_epoch": 120,
    "lr": 0.02,
    "milestones": [80, 100],
    "gamma": 0.1,
}


def train_pose(net, loader, settings=None, device="cuda"):
    settings = settings or SETTINGS
    net.to(device)
    optimiser = torch.optim.Adam(net.parameters(), lr=settings["lr"])
    cur = 0
    while cur < settings["max_epoch"]:
        lr_steps = MultiStepLR(optimiser, milestones=settings["milestones"],
                               gamma=settings["gamma"])
        net.train()
        agg = 0.0
        for k, (img, heatmap, weight) in enumerate(loader):
            img, heatmap, weight = img.to(device), heatmap.to(device), weight.to(device)
            pred = net(img)
            loss = (F.mse_loss(pred, heatmap, reduction="none") * weight).mean()
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            agg += loss.item()
        lr_steps.step()
        print(f"epoch {cur}: loss {agg / (k + 1):.6f} lr {lr_steps.get_last_lr()[0]:.5f}")
        torch.save({"state_dict": net.state_dict(), "epoch": cur}, "pose_last.pth")
        cur += 1
    return net

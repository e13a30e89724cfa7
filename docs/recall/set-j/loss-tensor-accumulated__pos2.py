import torch
import torch.nn.functional as F


def train_epoch(net, loader, opt, device):
    net.train()
    tot_loss = torch.zeros((), device=device)
    n_samples = 0
    for imgs, depth_gt in loader:
        imgs = imgs.to(device, non_blocking=True)
        depth_gt = depth_gt.to(device, non_blocking=True)
        valid = depth_gt > 0
        opt.zero_grad(set_to_none=True)
        depth_pred = net(imgs)
        loss = F.l1_loss(depth_pred[valid], depth_gt[valid])
        loss.backward()
        opt.step()
        tot_loss = tot_loss + loss * imgs.size(0)
        n_samples += imgs.size(0)
    return (tot_loss / max(n_samples, 1)).item()


def run(net, loader, epochs, lr=1e-4, device="cuda"):
    net = net.to(device)
    opt = torch.optim.Adam(net.parameters(), lr=lr)
    curve = []
    for ep in range(epochs):
        curve.append(train_epoch(net, loader, opt, device))
        print(f"[{ep:03d}] l1={curve[-1]:.4f}")
    return curve

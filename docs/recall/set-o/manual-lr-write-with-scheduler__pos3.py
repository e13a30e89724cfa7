import torch
from torch.optim.lr_scheduler import CosineAnnealingLR

from diffusion.data import get_loader
from diffusion.unet import UNet

hp = {
    "lr": 2e-4,
    "epochs": 500,
    "ramp": 5000,
    "batch_size": 64,
    "clip": 1.0,
}


def train():
    loader = get_loader(batch_size=hp["batch_size"], shuffle=True)
    net = UNet(ch=128, ch_mult=(1, 2, 2, 2)).cuda()
    opt = torch.optim.Adam(net.parameters(), lr=hp["lr"])
    lr_sched = CosineAnnealingLR(opt, T_max=hp["epochs"] * len(loader), eta_min=1e-6)

    gstep = 0
    for epoch in range(hp["epochs"]):
        net.train()
        for x0, _ in loader:
            x0 = x0.cuda()
            loss = net.diffusion_loss(x0)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), hp["clip"])
            if gstep < hp["ramp"]:
                for pg in opt.param_groups:
                    pg["lr"] = hp["lr"] * (gstep + 1) / hp["ramp"]
            opt.step()
            lr_sched.step()
            gstep += 1
            if gstep % 1000 == 0:
                print(f"step {gstep} loss {loss.item():.4f} lr {lr_sched.get_last_lr()[0]:.2e}")


if __name__ == "__main__":
    train()

import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import CosineAnnealingLR


def train(net, data, hp):
    device = torch.device("cuda")
    net.to(device).train()
    opt = torch.optim.SGD(net.parameters(), lr=hp["lr"], momentum=0.9,
                          nesterov=True, weight_decay=hp["wd"])
    sched = CosineAnnealingLR(opt, T_max=hp["iters"], eta_min=hp["lr"] * 1e-3)
    amp_scaler = torch.amp.GradScaler("cuda", init_scale=2.0 ** 14)

    it = 0
    batches = iter(data)
    while it < hp["iters"]:
        try:
            imgs, tgts = next(batches)
        except StopIteration:
            batches = iter(data)
            imgs, tgts = next(batches)
        imgs, tgts = imgs.to(device), tgts.to(device)
        with torch.autocast(device_type="cuda", dtype=torch.float16):
            out = net(imgs)
            loss = F.binary_cross_entropy_with_logits(out, tgts)
        opt.zero_grad()
        amp_scaler.scale(loss).backward()
        amp_scaler.step(opt)
        amp_scaler.update()
        sched.step()
        it += 1
        if it % hp["log_every"] == 0:
            print(f"it {it} loss {loss.item():.4f} lr {sched.get_last_lr()[0]:.3e}")
    return net

import math

import torch


def lr_at(step, base_lr, warm, total):
    if step < warm:
        return base_lr * (step + 1) / warm
    progress = min(1.0, (step - warm) / max(1, total - warm))
    return base_lr * 0.5 * (1.0 + math.cos(math.pi * progress))


def train(net, loader, hp, resume_from=None):
    opt = torch.optim.AdamW(net.parameters(), lr=hp["lr"], weight_decay=hp["wd"])
    total = hp["epochs"] * len(loader)
    global_step = 0
    start_epoch = 0
    if resume_from is not None:
        ckpt = torch.load(resume_from, map_location="cpu")
        net.load_state_dict(ckpt["model"])
        opt.load_state_dict(ckpt["opt"])
        global_step = ckpt["step"]
        start_epoch = ckpt["epoch"] + 1

    for epoch in range(start_epoch, hp["epochs"]):
        net.train()
        running = 0.0
        for i, (x, y) in enumerate(loader):
            lr = lr_at(global_step, hp["lr"], hp["ramp"], total)
            for g in opt.param_groups:
                g["lr"] = lr
            loss = torch.nn.functional.cross_entropy(net(x), y)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            global_step += 1
            running += loss.item()
        print(f"epoch {epoch}: loss {running / len(loader):.4f} lr {lr:.2e}")
        torch.save({"model": net.state_dict(), "opt": opt.state_dict(),
                    "step": global_step, "epoch": epoch}, "last.pt")

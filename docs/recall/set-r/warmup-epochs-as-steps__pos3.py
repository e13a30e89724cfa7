import math

import torch
from torch.optim.lr_scheduler import LambdaLR

hp = {
    "lr": 0.4,
    "epochs": 100,
    "ramp_iters": 2500,  # linear warm-up
    "batch_size": 1024,
}


def warm_cosine(total_epochs, ramp):
    ramp = max(1, ramp)

    def factor(ep):
        if ep < ramp:
            return (ep + 1) / ramp
        progress = min(1.0, (ep - ramp) / max(1, total_epochs - ramp))
        return 0.5 * (1.0 + math.cos(math.pi * progress))

    return factor


def pretrain(encoder, projector, loader, loss_fn):
    params = list(encoder.parameters()) + list(projector.parameters())
    opt = torch.optim.SGD(params, lr=hp["lr"] * hp["batch_size"] / 256, momentum=0.9,
                          weight_decay=1e-6)
    sched = LambdaLR(opt, warm_cosine(hp["epochs"], hp["ramp_iters"]))

    encoder.cuda().train()
    projector.cuda().train()
    for epoch in range(hp["epochs"]):
        epoch_loss = 0.0
        for (v1, v2), _ in loader:
            z1 = projector(encoder(v1.cuda(non_blocking=True)))
            z2 = projector(encoder(v2.cuda(non_blocking=True)))
            loss = loss_fn(z1, z2)
            opt.zero_grad()
            loss.backward()
            opt.step()
            epoch_loss += loss.item()
        sched.step()
        print(f"epoch {epoch}: loss {epoch_loss / len(loader):.4f} "
              f"lr {sched.get_last_lr()[0]:.4f}")

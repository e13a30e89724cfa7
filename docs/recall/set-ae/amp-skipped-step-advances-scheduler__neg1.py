import torch
import torch.nn as nn
from torch.optim.lr_scheduler import OneCycleLR


def train(net, train_dl, epochs, max_lr=2e-3):
    opt = torch.optim.AdamW(net.parameters(), lr=max_lr, weight_decay=0.05)
    lr_sched = OneCycleLR(opt, max_lr=max_lr, epochs=epochs, steps_per_epoch=len(train_dl))
    scaler = torch.amp.GradScaler("cuda")
    crit = nn.CrossEntropyLoss()
    skipped = 0
    for epoch in range(epochs):
        net.train()
        for step, (x, y) in enumerate(train_dl):
            x, y = x.cuda(non_blocking=True), y.cuda(non_blocking=True)
            opt.zero_grad(set_to_none=True)
            with torch.autocast("cuda", dtype=torch.float16):
                loss = crit(net(x), y)
            scaler.scale(loss).backward()
            scale_before = scaler.get_scale()
            scaler.step(opt)
            scaler.update()
            # GradScaler lowers the scale when it skipped the step (inf/nan grads)
            if scaler.get_scale() < scale_before:
                skipped += 1
            else:
                lr_sched.step()
        print(f"epoch {epoch} done, {skipped} skipped steps so far")
    return net

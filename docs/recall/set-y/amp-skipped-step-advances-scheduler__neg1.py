import torch
import torch.nn as nn
from torch.optim.lr_scheduler import OneCycleLR
from torch.utils.data import DataLoader


def train(net, train_set, epochs=30, peak_lr=0.4, batch_size=512):
    loader = DataLoader(train_set, batch_size=batch_size, shuffle=True,
                        num_workers=8, pin_memory=True, drop_last=True)
    net = net.cuda()
    opt = torch.optim.SGD(net.parameters(), lr=peak_lr, momentum=0.9, weight_decay=5e-4)
    sched = OneCycleLR(opt, max_lr=peak_lr, epochs=epochs, steps_per_epoch=len(loader))
    scaler = torch.amp.GradScaler("cuda")
    crit = nn.CrossEntropyLoss()

    for epoch in range(epochs):
        net.train()
        for images, targets in loader:
            images, targets = images.cuda(non_blocking=True), targets.cuda(non_blocking=True)
            opt.zero_grad(set_to_none=True)
            with torch.autocast("cuda", dtype=torch.float16):
                loss = crit(net(images), targets)
            scaler.scale(loss).backward()
            scale_before = scaler.get_scale()
            scaler.step(opt)
            scaler.update()
            # a lowered scale means inf/nan grads were found and opt.step() was skipped
            if scaler.get_scale() >= scale_before:
                sched.step()
        print(f"epoch {epoch}: last loss {loss.item():.4f} lr {sched.get_last_lr()[0]:.4f}")
    return net

import torch
from torch.optim.lr_scheduler import LambdaLR


class Cfg:
    lr = 0.01
    momentum = 0.9
    weight_decay = 5e-4
    epochs = 120
    power = 0.9


def build(net, cfg=Cfg):
    opt = torch.optim.SGD(net.parameters(), lr=cfg.lr, momentum=cfg.momentum,
                          weight_decay=cfg.weight_decay)
    sched = LambdaLR(opt, lambda e: (1 - e / cfg.epochs) ** cfg.power)
    return opt, sched


def train(net, train_dl, val_fn, cfg=Cfg, extra_epochs=0):
    opt, sched = build(net, cfg)
    for epoch in range(cfg.epochs + extra_epochs):
        net.train()
        for img, seg in train_dl:
            out = net(img.cuda())
            loss = torch.nn.functional.cross_entropy(out, seg.cuda(), ignore_index=255)
            opt.zero_grad()
            loss.backward()
            opt.step()
        sched.step()
        miou = val_fn(net)
        print(f"epoch {epoch} lr {sched.get_last_lr()[0]:.6f} mIoU {miou:.3f}")

import torch
from torch.optim.lr_scheduler import LambdaLR

hp = {
    "lr": 0.01,
    "power": 0.9,
    "max_iter": 160_000,
    "wd": 5e-4,
    "val_every": 16_000,
}


def make_optim(seg_net):
    opt = torch.optim.SGD(seg_net.parameters(), lr=hp["lr"], momentum=0.9, weight_decay=hp["wd"])
    sched = LambdaLR(opt, lambda it: (1 - it / hp["max_iter"]) ** hp["power"])
    return opt, sched


def infinite(loader):
    while True:
        yield from loader


def train(seg_net, loader, evaluate):
    opt, sched = make_optim(seg_net)
    stream = infinite(loader)
    for it in range(hp["max_iter"]):
        seg_net.train()
        img, lbl = next(stream)
        logits = seg_net(img.cuda())
        loss = torch.nn.functional.cross_entropy(logits, lbl.cuda(), ignore_index=255)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        sched.step()
        if (it + 1) % hp["val_every"] == 0:
            miou = evaluate(seg_net)
            print(f"iter {it + 1}: mIoU {miou:.3f}, lr {sched.get_last_lr()[0]:.2e}")
    return seg_net

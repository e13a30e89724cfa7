import torch
import torch.nn as nn
from torch.optim.lr_scheduler import LambdaLR
from torch.utils.data import DataLoader

from detector import RetinaNet

hp = {
    "lr": 0.01,
    "ramp": 500,
    "max_iter": 90000,
    "batch_size": 16,
}


def make_param_groups(net):
    return [
        {"params": net.backbone.parameters(), "lr": hp["lr"] * 0.1},
        {"params": net.fpn.parameters(), "lr": hp["lr"]},
        {"params": net.head.parameters(), "lr": hp["lr"]},
    ]


def main(train_set):
    net = RetinaNet(num_classes=80).cuda()
    opt = torch.optim.SGD(make_param_groups(net), lr=hp["lr"], momentum=0.9, weight_decay=1e-4)
    # the pretrained backbone warms up slowest
    warm_steps = [hp["ramp"] * m for m in (4, 2, 1)]
    lr_sched = LambdaLR(opt, [lambda step: min(1.0, (step + 1) / w) for w in warm_steps])

    loader = DataLoader(train_set, batch_size=hp["batch_size"], shuffle=True,
                        num_workers=8, collate_fn=train_set.collate_fn)
    it = 0
    net.train()
    while it < hp["max_iter"]:
        for images, targets in loader:
            losses = net(images.cuda(), [t.cuda() for t in targets])
            loss = sum(losses.values())
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(net.parameters(), 10.0)
            opt.step()
            lr_sched.step()
            it += 1
            if it % 20 == 0:
                print(it, {k: round(v.item(), 4) for k, v in losses.items()})
            if it >= hp["max_iter"]:
                break

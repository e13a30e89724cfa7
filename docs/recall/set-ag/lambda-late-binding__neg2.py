import torch
import torch.nn as nn
from torch.optim.lr_scheduler import LambdaLR
from torch.utils.data import DataLoader

from detector import RetinaNet


def warmup_then_step(warm, gamma, every):
    def factor(step):
        if step < warm:
            return (step + 1) / warm
        return gamma ** ((step - warm) // every)
    return factor


def train(train_set, args):
    net = RetinaNet(num_classes=args.num_classes).cuda()
    groups = [
        {"params": net.backbone.parameters(), "lr": args.lr * 0.1},
        {"params": net.head.parameters(), "lr": args.lr},
    ]
    opt = torch.optim.SGD(groups, lr=args.lr, momentum=0.9, weight_decay=1e-4)
    warm_per_group = (args.n_warm * 2, args.n_warm)
    lr_sched = LambdaLR(opt, [warmup_then_step(w, 0.1, args.decay_every) for w in warm_per_group])

    loader = DataLoader(train_set, batch_size=args.batch_size, shuffle=True,
                        num_workers=8, collate_fn=train_set.collate_fn)
    for epoch in range(args.epochs):
        net.train()
        for images, targets in loader:
            losses = net(images.cuda(), [t.cuda() for t in targets])
            loss = sum(losses.values())
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(net.parameters(), 10.0)
            opt.step()
            lr_sched.step()
        print(f"epoch {epoch} loss {loss.item():.4f} lrs {lr_sched.get_last_lr()}")
    return net

import torch
from torch.optim.lr_scheduler import LambdaLR

GROUPS = [
    ("features", 1e-4, 0.98),
    ("classifier", 1e-3, 0.92),
]


def build(net, epochs_per_decay=1):
    groups, fns = [], []
    for attr, lr, decay in GROUPS:
        groups.append({"params": getattr(net, attr).parameters(), "lr": lr})
        fns.append(lambda epoch, d=decay: d ** (epoch // epochs_per_decay))
    opt = torch.optim.SGD(groups, momentum=0.9)
    return opt, LambdaLR(opt, lr_lambda=fns)


def train(net, loader, epochs=30):
    opt, lr_sched = build(net)
    crit = torch.nn.CrossEntropyLoss()
    net.cuda()
    for epoch in range(epochs):
        net.train()
        for x, y in loader:
            loss = crit(net(x.cuda()), y.cuda())
            opt.zero_grad()
            loss.backward()
            opt.step()
        lr_sched.step()
        print(epoch, lr_sched.get_last_lr())

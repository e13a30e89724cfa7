import torch
from torch.optim.lr_scheduler import MultiplicativeLR

hp = {
    "epochs": 100,
    "groups": {
        "embeddings": {"lr": 1e-3, "gamma": 0.90},
        "encoder": {"lr": 5e-4, "gamma": 0.95},
        "decoder": {"lr": 5e-4, "gamma": 0.99},
    },
}


def make_optim(net):
    groups = []
    factors = []
    for name, gcfg in hp["groups"].items():
        groups.append({"params": getattr(net, name).parameters(), "lr": gcfg["lr"]})

        def factor(epoch):
            return gcfg["gamma"]

        factors.append(factor)
    opt = torch.optim.Adam(groups)
    return opt, MultiplicativeLR(opt, lr_lambda=factors)


def fit(net, loader):
    net.cuda()
    opt, lr_sched = make_optim(net)
    for epoch in range(hp["epochs"]):
        net.train()
        for src, tgt in loader:
            loss = net(src.cuda(), tgt.cuda()).loss
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            opt.step()
        lr_sched.step()
        print(epoch, dict(zip(hp["groups"], lr_sched.get_last_lr())))
    return net

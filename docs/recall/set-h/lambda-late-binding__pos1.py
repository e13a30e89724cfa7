import torch
from torch.optim.lr_scheduler import LambdaLR

GROUPS = [
    {"name": "backbone", "lr": 1e-4, "decay": 0.98},
    {"name": "neck", "lr": 5e-4, "decay": 0.95},
    {"name": "head", "lr": 1e-3, "decay": 0.90},
]


def build_optim(net):
    param_groups = []
    lambdas = []
    for spec in GROUPS:
        module = getattr(net, spec["name"])
        param_groups.append({"params": module.parameters(), "lr": spec["lr"]})
        decay = spec["decay"]
        lambdas.append(lambda epoch: decay ** epoch)
    opt = torch.optim.SGD(param_groups, momentum=0.9, weight_decay=1e-4)
    sched = LambdaLR(opt, lr_lambda=lambdas)
    return opt, sched


def train(net, loader, epochs=40):
    opt, sched = build_optim(net)
    crit = torch.nn.CrossEntropyLoss()
    net.cuda()
    for epoch in range(epochs):
        net.train()
        for x, y in loader:
            loss = crit(net(x.cuda()), y.cuda())
            opt.zero_grad()
            loss.backward()
            opt.step()
        sched.step()
        lrs = ", ".join(f"{g['name']}={lr:.2e}" for g, lr in zip(GROUPS, sched.get_last_lr()))
        print(f"epoch {epoch}: {lrs}")

import torch
from torch.optim.lr_scheduler import MultiStepLR

hp = {"lr": 0.1, "epochs": 160, "milestones": [80, 120], "gamma": 0.1, "wd": 1e-4}


def lr_policy(opt):
    return MultiStepLR(opt, milestones=hp["milestones"], gamma=hp["gamma"])


def one_epoch(net, loader, opt, crit):
    net.train()
    hits = seen = 0
    for x, y in loader:
        x, y = x.cuda(non_blocking=True), y.cuda(non_blocking=True)
        out = net(x)
        loss = crit(out, y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        hits += (out.argmax(1) == y).sum().item()
        seen += y.numel()
    return hits / seen


def main(net, loader):
    crit = torch.nn.CrossEntropyLoss()
    opt = torch.optim.SGD(net.parameters(), lr=hp["lr"], momentum=0.9, weight_decay=hp["wd"])
    epoch = 0
    while epoch < hp["epochs"]:
        policy = lr_policy(opt)
        acc = one_epoch(net, loader, opt, crit)
        policy.step()
        print(f"epoch {epoch}: train acc {acc:.3f}, lr {opt.param_groups[0]['lr']:.4f}")
        if (epoch + 1) % 20 == 0:
            torch.save(net.state_dict(), f"resnet110_e{epoch + 1}.pt")
        epoch += 1

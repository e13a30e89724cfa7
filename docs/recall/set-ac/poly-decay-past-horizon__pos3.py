import torch
from torch.optim.lr_scheduler import LambdaLR

hp = {
    "lr": 0.007,
    "max_iter": 30000,
    "poly_power": 0.9,
    "momentum": 0.9,
    "wd": 4e-5,
}


def make_optim(model):
    opt = torch.optim.SGD(model.parameters(), lr=hp["lr"], momentum=hp["momentum"], weight_decay=hp["wd"])
    sched = LambdaLR(opt, lambda it: (1 - it / hp["max_iter"]) ** hp["poly_power"])
    return opt, sched


def train(model, loader, criterion, epochs):
    opt, sched = make_optim(model)
    step = 0
    for ep in range(epochs):
        model.train()
        for i, (x, target) in enumerate(loader):
            out = model(x)
            loss = criterion(out, target)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            step += 1
        print(f"ep {ep} step {step} lr {sched.get_last_lr()[0]:.5f}")
    torch.save({"model": model.state_dict(), "optimizer": opt.state_dict(), "scheduler": sched.state_dict()},
               "deeplab_last.pth")

import torch
from torch.optim.lr_scheduler import LambdaLR


def build_optimizer(model, base_lr=0.01, head_gamma=0.98, body_gamma=0.95, embed_gamma=0.9):
    groups = [
        {"params": model.head.parameters(), "lr": base_lr},
        {"params": model.body.parameters(), "lr": base_lr * 0.5},
        {"params": model.embed.parameters(), "lr": base_lr * 0.1},
    ]
    opt = torch.optim.SGD(groups, lr=base_lr, momentum=0.9)
    gammas = [head_gamma, body_gamma, embed_gamma]
    lr_sched = LambdaLR(opt, lr_lambda=[lambda ep: g ** ep for g in gammas])
    return opt, lr_sched


def train(model, loader, epochs=50):
    model.cuda()
    opt, lr_sched = build_optimizer(model)
    for epoch in range(epochs):
        model.train()
        for x, y in loader:
            x, y = x.cuda(), y.cuda()
            loss = model.loss(model(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
        lr_sched.step()
        print(epoch, [round(lr, 6) for lr in lr_sched.get_last_lr()])
    return model

import torch
from torch.optim import lr_scheduler


def get_scheduler(optimizer, opt):
    if opt.lr_policy == "step":
        return lr_scheduler.StepLR(optimizer, step_size=opt.lr_decay_iters, gamma=0.1)
    if opt.lr_policy == "plateau":
        return lr_scheduler.ReduceLROnPlateau(optimizer, mode="max", factor=0.2, patience=5)
    if opt.lr_policy == "cosine":
        return lr_scheduler.CosineAnnealingLR(optimizer, T_max=opt.n_epochs, eta_min=0)
    raise NotImplementedError(f"learning rate policy [{opt.lr_policy}] is not implemented")


def update_learning_rate(scheduler, metric=None):
    if isinstance(scheduler, lr_scheduler.ReduceLROnPlateau):
        scheduler.step(metric)
    else:
        scheduler.step()


def run(net, train_loader, evaluate, opt):
    optimizer = torch.optim.Adam(net.parameters(), lr=opt.lr)
    scheduler = get_scheduler(optimizer, opt)
    for epoch in range(opt.n_epochs):
        net.train()
        for x, y in train_loader:
            loss = torch.nn.functional.cross_entropy(net(x.cuda()), y.cuda())
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        val_acc = evaluate(net)
        update_learning_rate(scheduler, metric=val_acc)
        print(f"epoch {epoch}: acc {val_acc:.3f} lr {optimizer.param_groups[0]['lr']:.2e}")
    return net

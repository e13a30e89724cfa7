import torch
from torch.optim.lr_scheduler import CosineAnnealingWarmRestarts


def train(model, loader, args):
    opt = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=0.9, weight_decay=5e-4)
    sched = CosineAnnealingWarmRestarts(opt, T_0=args.t0, T_mult=2, eta_min=1e-5)
    iters = len(loader)
    for epoch in range(args.epochs):
        model.train()
        for i, (inputs, labels) in enumerate(loader):
            inputs, labels = inputs.cuda(), labels.cuda()
            loss = torch.nn.functional.cross_entropy(model(inputs), labels)
            opt.zero_grad()
            loss.backward()
            opt.step()
            # fractional epochs give a smooth restart schedule (documented usage)
            sched.step(epoch + i / iters)
        print(f"epoch {epoch}: lr {sched.get_last_lr()[0]:.5f}")
        torch.save({"model": model.state_dict(), "opt": opt.state_dict(),
                    "sched": sched.state_dict(), "epoch": epoch}, "last.pth")
    return model

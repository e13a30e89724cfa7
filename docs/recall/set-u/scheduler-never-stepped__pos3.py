import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import LambdaLR


def build_optim(net, args):
    decay, no_decay = [], []
    for name, p in net.named_parameters():
        (no_decay if p.ndim <= 1 or name.endswith(".bias") else decay).append(p)
    opt = torch.optim.AdamW(
        [{"params": decay, "weight_decay": args.wd}, {"params": no_decay, "weight_decay": 0.0}],
        lr=args.lr,
    )
    total = args.epochs * args.iters_per_epoch
    lr_sched = LambdaLR(opt, lambda it: max(0.0, 1.0 - it / total))
    return opt, lr_sched


def train(net, loader, args):
    net.cuda()
    opt, lr_sched = build_optim(net, args)
    for epoch in range(args.epochs):
        net.train()
        it = 0
        for x, y in loader:
            x, y = x.cuda(), y.cuda()
            loss = F.cross_entropy(net(x), y)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), args.clip)
            opt.step()
            it += 1
            if it == args.iters_per_epoch:
                break
        print(f"epoch {epoch} done, last loss {loss.item():.4f}")
    return net

import torch
from torch.optim.lr_scheduler import CosineAnnealingLR, LinearLR, SequentialLR
from torch.utils.data import DataLoader


def build(net, args, steps_per_epoch):
    opt = torch.optim.AdamW(net.parameters(), lr=args.lr, weight_decay=args.wd)
    total = args.epochs * steps_per_epoch
    n_warm = max(1, args.n_warm)
    warm = LinearLR(opt, start_factor=1.0 / n_warm, end_factor=1.0, total_iters=n_warm)
    decay = CosineAnnealingLR(opt, T_max=max(1, total - n_warm), eta_min=args.lr * 0.01)
    sched = SequentialLR(opt, schedulers=[warm, decay], milestones=[n_warm])
    return opt, sched


def train(net, dataset, args):
    loader = DataLoader(dataset, batch_size=args.bs, shuffle=True, drop_last=True)
    opt, sched = build(net, args, len(loader))
    for epoch in range(args.epochs):
        net.train()
        for x, y in loader:
            loss = torch.nn.functional.cross_entropy(net(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
        print(f"epoch {epoch} lr {sched.get_last_lr()[0]:.2e}")

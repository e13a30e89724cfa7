import torch
from torch.optim.lr_scheduler import ReduceLROnPlateau


def train(net, loader, args):
    opt = torch.optim.AdamW(net.parameters(), lr=args.lr, weight_decay=args.wd)
    lr_drop = ReduceLROnPlateau(opt, mode="min", factor=0.3, patience=args.patience,
                                min_lr=args.min_lr)
    it = 0
    running = 0.0
    data = iter(loader)
    net.train()
    while it < args.max_iters:
        try:
            src, tgt = next(data)
        except StopIteration:
            data = iter(loader)
            src, tgt = next(data)
        out = net(src.cuda(), tgt[:, :-1].cuda())
        loss = torch.nn.functional.cross_entropy(out.flatten(0, 1), tgt[:, 1:].flatten().cuda())
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()

        running = 0.98 * running + 0.02 * loss.item() if it else loss.item()
        lr_drop.step(running)
        it += 1
        if it % args.log_every == 0:
            print(f"it {it} loss {running:.4f} lr {opt.param_groups[0]['lr']:.2e}")

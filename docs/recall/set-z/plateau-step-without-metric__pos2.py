import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import ReduceLROnPlateau


def train(net, loader, val_fn, args):
    opt = torch.optim.Adam(net.parameters(), lr=args.lr, weight_decay=args.wd)
    lr_sched = ReduceLROnPlateau(opt, mode="min", factor=args.decay, patience=args.patience, min_lr=1e-6)
    net.train()
    for epoch in range(args.epochs):
        running = 0.0
        for i, (x, y) in enumerate(loader):
            pred = net(x)
            loss = F.smooth_l1_loss(pred, y)
            opt.zero_grad()
            loss.backward()
            opt.step()
            lr_sched.step(loss.item())
            running += loss.item()
            if i % 200 == 0:
                print(f"[{epoch}:{i}] loss {running / (i + 1):.4f} lr {opt.param_groups[0]['lr']:.2e}")
        val = val_fn(net)
        net.train()
        print(f"epoch {epoch}: val {val:.4f}")

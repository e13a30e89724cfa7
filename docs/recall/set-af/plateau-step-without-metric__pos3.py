import torch
from torch.optim.lr_scheduler import ReduceLROnPlateau


def train_one_epoch(net, loader, opt, sched, device):
    net.train()
    running = 0.0
    for i, (src, tgt) in enumerate(loader):
        src, tgt = src.to(device), tgt.to(device)
        out = net(src)
        loss = torch.nn.functional.mse_loss(out, tgt)
        opt.zero_grad()
        loss.backward()
        opt.step()
        running += loss.item()
        sched.step(metrics=running / (i + 1))
    return running / max(1, len(loader))


@torch.no_grad()
def evaluate(net, loader, device):
    net.eval()
    errs = [torch.nn.functional.mse_loss(net(s.to(device)), t.to(device)).item()
            for s, t in loader]
    return sum(errs) / max(1, len(errs))


def main(net, train_loader, val_loader, args):
    device = torch.device(args.device)
    net.to(device)
    opt = torch.optim.Adam(net.parameters(), lr=args.lr)
    sched = ReduceLROnPlateau(opt, mode="min", factor=0.1, patience=10)
    for epoch in range(args.epochs):
        tr = train_one_epoch(net, train_loader, opt, sched, device)
        va = evaluate(net, val_loader, device)
        print(f"{epoch:03d} train {tr:.5f} val {va:.5f} lr {opt.param_groups[0]['lr']:.1e}")
    torch.save(net.state_dict(), args.out)

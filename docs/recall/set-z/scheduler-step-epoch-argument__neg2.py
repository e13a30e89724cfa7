import torch
from torch.optim.lr_scheduler import MultiStepLR


def train_epoch(net, loader, opt, device):
    net.train()
    total = 0.0
    for x, y in loader:
        x, y = x.to(device), y.to(device)
        loss = torch.nn.functional.cross_entropy(net(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        total += loss.item()
    return total / max(1, len(loader))


def main(net, loader, args):
    device = torch.device("cuda")
    net.to(device)
    opt = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9, weight_decay=5e-4)
    sched = MultiStepLR(opt, milestones=[150, 250], gamma=0.1)
    start_epoch = 0
    if args.resume:
        ckpt = torch.load(args.resume, map_location="cpu")
        net.load_state_dict(ckpt["model"])
        opt.load_state_dict(ckpt["optimizer"])
        sched.load_state_dict(ckpt["scheduler"])
        start_epoch = ckpt["epoch"] + 1
    for epoch in range(start_epoch, args.epochs):
        loss = train_epoch(net, loader, opt, device)
        sched.step()
        print(f"epoch {epoch} loss {loss:.4f} lr {sched.get_last_lr()[0]:.4f}")
        torch.save({"model": net.state_dict(), "optimizer": opt.state_dict(),
                    "scheduler": sched.state_dict(), "epoch": epoch}, "last.pth")

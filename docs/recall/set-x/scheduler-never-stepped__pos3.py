import torch
from torch.optim.lr_scheduler import MultiStepLR


def build_optim(net, lr, milestones):
    opt = torch.optim.Adam(net.parameters(), lr=lr, betas=(0.9, 0.999))
    lr_sched = MultiStepLR(opt, milestones=milestones, gamma=0.5)
    return opt, lr_sched


def fit(flow_net, loader, args):
    opt, lr_sched = build_optim(flow_net, args.lr, args.milestones)
    start_epoch = 0
    if args.resume:
        ckpt = torch.load(args.resume, map_location="cpu")
        flow_net.load_state_dict(ckpt["model"])
        opt.load_state_dict(ckpt["optimizer"])
        lr_sched.load_state_dict(ckpt["scheduler"])
        start_epoch = ckpt["epoch"] + 1

    for epoch in range(start_epoch, args.epochs):
        flow_net.train()
        for n, (img1, img2, flow_gt) in enumerate(loader):
            preds = flow_net(img1.cuda(), img2.cuda())
            gt = flow_gt.cuda()
            loss = sum(0.8 ** (len(preds) - k - 1) * (p - gt).abs().mean()
                       for k, p in enumerate(preds))
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(flow_net.parameters(), 1.0)
            opt.step()
            if n % 100 == 0:
                print(f"[{epoch}:{n}] epe-loss {loss.item():.4f}")
        torch.save({"model": flow_net.state_dict(), "optimizer": opt.state_dict(),
                    "scheduler": lr_sched.state_dict(), "epoch": epoch}, args.ckpt_path)

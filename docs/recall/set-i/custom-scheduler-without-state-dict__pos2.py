import torch


class PolyLR(object):
    def __init__(self, opt, max_iter, power=0.9, floor=1e-6):
        self.opt = opt
        self.max_iter = max(1, max_iter)
        self.power = power
        self.floor = floor
        self.initial = [g["lr"] for g in opt.param_groups]
        self.cur_iter = 0

    def lr_at(self, base):
        t = min(self.cur_iter, self.max_iter)
        return max(self.floor, base * (1 - t / self.max_iter) ** self.power)

    def step(self):
        self.cur_iter += 1
        for g, base in zip(self.opt.param_groups, self.initial):
            g["lr"] = self.lr_at(base)


class SegTrainer:
    def __init__(self, net, loader, criterion, args):
        self.net = net.cuda()
        self.loader = loader
        self.criterion = criterion
        self.args = args
        params = [
            {"params": net.backbone.parameters(), "lr": args.lr},
            {"params": net.head.parameters(), "lr": args.lr * 10},
        ]
        self.opt = torch.optim.SGD(params, lr=args.lr, momentum=0.9, weight_decay=args.wd)
        self.lr_policy = PolyLR(self.opt, max_iter=args.epochs * len(loader))

    def train(self):
        for epoch in range(self.args.epochs):
            self.net.train()
            for i, (img, label) in enumerate(self.loader):
                img, label = img.cuda(), label.cuda().long()
                out = self.net(img)
                loss = self.criterion(out, label)
                self.opt.zero_grad()
                loss.backward()
                self.opt.step()
                self.lr_policy.step()
                if i % self.args.log_every == 0:
                    print(f"[{epoch}][{i}/{len(self.loader)}] loss={loss.item():.4f} "
                          f"lr={self.opt.param_groups[0]['lr']:.2e}")
            torch.save(self.net.state_dict(), f"{self.args.save_dir}/seg_epoch{epoch}.pth")

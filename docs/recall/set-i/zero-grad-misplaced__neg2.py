import torch


class AccumTrainer:
    def __init__(self, net, loader, accum_steps=4, lr=1e-4):
        self.net = net.cuda()
        self.loader = loader
        self.accum_steps = accum_steps
        self.opt = torch.optim.AdamW(net.parameters(), lr=lr)

    def epoch(self):
        self.net.train()
        self.opt.zero_grad()
        for i, (x, y) in enumerate(self.loader):
            out = self.net(x.cuda())
            loss = torch.nn.functional.cross_entropy(out, y.cuda()) / self.accum_steps
            loss.backward()
            if (i + 1) % self.accum_steps == 0 or (i + 1) == len(self.loader):
                self.opt.step()
                self.opt.zero_grad()

import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import LambdaLR, StepLR


class ClassifierTrainer:
    def __init__(self, net, loader, args):
        self.net = net
        self.loader = loader
        self.args = args
        self.opt = torch.optim.Adam(net.parameters(), lr=args.lr)
        n_warm = max(1, args.n_warm)
        self.ramp = LambdaLR(self.opt, lambda it: min(1.0, (it + 1) / n_warm))
        self.decay = StepLR(self.opt, step_size=args.decay_every, gamma=args.gamma)
        self.global_it = 0

    def step_batch(self, x, y):
        self.opt.zero_grad()
        loss = F.cross_entropy(self.net(x), y)
        loss.backward()
        self.opt.step()
        self.ramp.step()
        self.global_it += 1
        return loss.item()

    def train(self):
        for epoch in range(self.args.epochs):
            self.net.train()
            running = 0.0
            for x, y in self.loader:
                running += self.step_batch(x.cuda(), y.cuda())
            self.decay.step()
            print(f"[{epoch}] loss {running / max(1, len(self.loader)):.4f}")

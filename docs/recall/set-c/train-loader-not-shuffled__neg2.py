import torch
from torch import nn
from torch.utils.data import DataLoader, WeightedRandomSampler


def make_loader(dataset, batch_size, workers=4, sampler=None):
    return DataLoader(dataset, batch_size=batch_size, sampler=sampler,
                      num_workers=workers, pin_memory=True)


class TabularTrainer:
    def __init__(self, net, train_set, val_set, args):
        self.net = net.cuda()
        self.args = args
        # rebalance the rare positive class; the sampler draws a fresh random order each epoch
        labels = torch.as_tensor(train_set.labels)
        class_w = 1.0 / torch.bincount(labels).float()
        sampler = WeightedRandomSampler(class_w[labels], num_samples=len(labels),
                                        replacement=True)
        self.train_loader = make_loader(train_set, args.batch_size, sampler=sampler)
        self.val_loader = make_loader(val_set, args.batch_size * 4)
        self.opt = torch.optim.Adam(self.net.parameters(), lr=args.lr)
        self.crit = nn.BCEWithLogitsLoss()

    def run(self):
        for epoch in range(self.args.epochs):
            self.net.train()
            for feats, y in self.train_loader:
                self.opt.zero_grad()
                loss = self.crit(self.net(feats.cuda()).squeeze(1), y.float().cuda())
                loss.backward()
                self.opt.step()
            print(f"epoch {epoch}: val loss {self.evaluate():.4f}")

    @torch.no_grad()
    def evaluate(self):
        self.net.eval()
        total, n = 0.0, 0
        for feats, y in self.val_loader:
            out = self.net(feats.cuda()).squeeze(1)
            total += self.crit(out, y.float().cuda()).item() * y.size(0)
            n += y.size(0)
        return total / max(n, 1)

import torch
import torch.nn.functional as F


class Trainer:
    def __init__(self, net, train_dl, valid_dl, args):
        self.net = net.to(args.device)
        self.train_dl = train_dl
        self.valid_dl = valid_dl
        self.args = args
        self.opt = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9, weight_decay=5e-4)
        self.history = []

    @torch.no_grad()
    def validate(self):
        self.net.eval()
        loss_sum, n = 0.0, 0
        for x, y in self.valid_dl:
            x, y = x.to(self.args.device), y.to(self.args.device)
            loss_sum += F.cross_entropy(self.net(x), y, reduction="sum").item()
            n += y.numel()
        return loss_sum / n

    def train_one_epoch(self):
        for x, y in self.train_dl:
            x, y = x.to(self.args.device), y.to(self.args.device)
            self.opt.zero_grad()
            loss = F.cross_entropy(self.net(x), y)
            loss.backward()
            self.opt.step()

    def fit(self):
        self.net.train()
        for epoch in range(self.args.epochs):
            self.train_one_epoch()
            val_loss = self.validate()
            self.history.append(val_loss)
            print(f"epoch {epoch}: val loss {val_loss:.4f}")
        return self.history

import torch
import torch.nn as nn


class Trainer:
    def __init__(self, net, loader, args):
        self.net = net.cuda()
        self.loader = loader
        self.accum = max(1, args.grad_accum)
        self.epochs = args.epochs
        self.opt = torch.optim.AdamW(self.net.parameters(), lr=args.lr, weight_decay=args.wd)
        self.crit = nn.CrossEntropyLoss()

    def train_epoch(self, epoch):
        self.net.train()
        self.opt.zero_grad(set_to_none=True)
        n_batches = len(self.loader)
        total = 0.0
        for i, (tokens, labels) in enumerate(self.loader):
            logits = self.net(tokens.cuda(non_blocking=True))
            loss = self.crit(logits, labels.cuda(non_blocking=True))
            (loss / self.accum).backward()
            total += loss.item()
            if (i + 1) % self.accum == 0 or (i + 1) == n_batches:
                torch.nn.utils.clip_grad_norm_(self.net.parameters(), 1.0)
                self.opt.step()
                self.opt.zero_grad(set_to_none=True)
        print(f"epoch {epoch}: mean loss {total / max(n_batches, 1):.4f}")

    def fit(self):
        for epoch in range(self.epochs):
            self.train_epoch(epoch)

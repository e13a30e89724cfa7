import torch
from torch.optim.lr_scheduler import LambdaLR


class Finetuner:
    def __init__(self, encoder, head, loader, args):
        self.encoder = encoder
        self.head = head
        self.loader = loader
        self.args = args
        self.opt = torch.optim.AdamW(
            list(encoder.parameters()) + list(head.parameters()), lr=args.lr, weight_decay=args.wd
        )
        self.sched = LambdaLR(self.opt, lr_lambda=self.warm_factor)
        self.loss_fn = torch.nn.CrossEntropyLoss()

    def warm_factor(self, step):
        n = self.args.n_warm
        if n <= 0:
            return 1.0
        return min(1.0, (step + 1) / n)

    def fit(self):
        self.encoder.train()
        self.head.train()
        for epoch in range(self.args.epochs):
            for feats, labels in self.loader:
                loss = self.loss_fn(self.head(self.encoder(feats)), labels)
                self.opt.zero_grad()
                loss.backward()
                self.opt.step()
                self.sched.step()

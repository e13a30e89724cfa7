import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import LambdaLR


class Trainer:
    def __init__(self, net, loader, args):
        self.net = net
        self.loader = loader
        self.args = args
        self.opt = torch.optim.AdamW(net.parameters(), lr=args.lr, weight_decay=args.wd)
        total = args.epochs * len(loader)
        self.lr_sched = LambdaLR(self.opt, lambda s: max(0.0, 1.0 - s / max(1, total)))
        self.global_step = 0

    def train_step(self, batch):
        self.lr_sched.step()
        input_ids, attention_mask, labels = batch
        logits = self.net(input_ids, attention_mask=attention_mask)
        loss = F.cross_entropy(logits, labels)
        self.opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(self.net.parameters(), self.args.max_grad_norm)
        self.opt.step()
        self.global_step += 1
        return loss.item()

    def train(self):
        for epoch in range(self.args.epochs):
            self.net.train()
            losses = []
            for batch in self.loader:
                losses.append(self.train_step(batch))
            print(f"epoch {epoch} mean loss {sum(losses) / max(1, len(losses)):.4f}")

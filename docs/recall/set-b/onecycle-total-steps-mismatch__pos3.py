import torch
from torch.optim.lr_scheduler import OneCycleLR


class Trainer:
    def __init__(self, net, loader, args):
        self.net = net.cuda()
        self.loader = loader
        self.args = args
        self.n_accum = args.n_accum
        self.opt = torch.optim.AdamW(net.parameters(), lr=args.peak_lr, weight_decay=0.01)
        updates_per_epoch = len(loader) // self.n_accum
        self.sched = OneCycleLR(self.opt, max_lr=args.peak_lr,
                                total_steps=args.n_epochs * updates_per_epoch,
                                anneal_strategy="linear", pct_start=0.1)

    def _update(self):
        torch.nn.utils.clip_grad_norm_(self.net.parameters(), self.args.clip)
        self.opt.step()
        self.sched.step()
        self.opt.zero_grad()

    def train_epoch(self, epoch):
        self.net.train()
        n = len(self.loader)
        for i, batch in enumerate(self.loader):
            tokens = batch["tokens"].cuda()
            loss = self.net(tokens[:, :-1], targets=tokens[:, 1:])
            (loss / self.n_accum).backward()
            # flush the tail of the epoch as well
            if (i + 1) % self.n_accum == 0 or i + 1 == n:
                self._update()
        print(f"epoch {epoch} loss {loss.item():.4f}")

    def fit(self):
        for epoch in range(self.args.n_epochs):
            self.train_epoch(epoch)
            torch.save(self.net.state_dict(), f"{self.args.out}/lm_{epoch}.pt")

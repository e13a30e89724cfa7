import torch
from torch.optim.lr_scheduler import StepLR


class AudioTrainer:
    def __init__(self, net, train_loader, val_loader, n_epochs=60, lr=1e-3):
        self.net = net.cuda()
        self.train_loader = train_loader
        self.val_loader = val_loader
        self.n_epochs = n_epochs
        self.opt = torch.optim.Adam(net.parameters(), lr=lr, weight_decay=1e-5)
        self.lr_scheduler = StepLR(self.opt, step_size=20, gamma=0.5)
        self.crit = torch.nn.CrossEntropyLoss()

    def _epoch(self):
        self.net.train()
        total = 0.0
        for spec, label in self.train_loader:
            spec, label = spec.cuda(), label.cuda()
            loss = self.crit(self.net(spec), label)
            self.opt.zero_grad()
            loss.backward()
            self.opt.step()
            total += loss.item()
        return total / len(self.train_loader)

    @torch.no_grad()
    def _validate(self):
        self.net.eval()
        hits = n = 0
        for spec, label in self.val_loader:
            hits += (self.net(spec.cuda()).argmax(-1) == label.cuda()).sum().item()
            n += label.numel()
        return hits / n

    def fit(self, ckpt_path="audio_clf.pt"):
        best = 0.0
        for ep in range(self.n_epochs):
            tr = self._epoch()
            acc = self._validate()
            if acc > best:
                best = acc
                torch.save(
                    {"net": self.net.state_dict(), "opt": self.opt.state_dict(),
                     "sched": self.lr_scheduler.state_dict(), "epoch": ep},
                    ckpt_path,
                )
            print(f"ep {ep} loss {tr:.4f} acc {acc:.4f} best {best:.4f}")

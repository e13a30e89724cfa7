import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import PolynomialLR


class SegTrainer:
    def __init__(self, net, loader, cfg):
        self.net = net
        self.loader = loader
        self.epochs = cfg["epochs"]
        self.opt = torch.optim.SGD(net.parameters(), lr=cfg["base_lr"], momentum=0.9, weight_decay=1e-4)
        self.sched = PolynomialLR(self.opt, total_iters=cfg["max_iter"], power=0.9)

    def train(self):
        for epoch in range(self.epochs):
            self.net.train()
            for img, mask in self.loader:
                logits = self.net(img)
                loss = F.cross_entropy(logits, mask, ignore_index=255)
                self.opt.zero_grad()
                loss.backward()
                self.opt.step()
                self.sched.step()
            print(f"epoch {epoch} lr {self.sched.get_last_lr()[0]:.6f} loss {loss.item():.4f}")

    def save(self, path):
        torch.save({"net": self.net.state_dict(), "opt": self.opt.state_dict(),
                    "sched": self.sched.state_dict()}, path)

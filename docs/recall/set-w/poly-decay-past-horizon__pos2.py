import torch
import torch.nn.functional as F


def poly_lr(base_lr, it, max_it, power=0.9):
    return base_lr * (1.0 - it / max_it) ** power


class SegTrainer:
    def __init__(self, net, loader, cfg):
        self.net = net
        self.loader = loader
        self.cfg = cfg
        self.opt = torch.optim.SGD(net.parameters(), lr=cfg["base_lr"], momentum=0.9,
                                   weight_decay=cfg["wd"], nesterov=True)
        self.max_it = cfg["max_iter"]
        self.it = 0

    def set_lr(self):
        lr = poly_lr(self.cfg["base_lr"], self.it, self.max_it, self.cfg["power"])
        for g in self.opt.param_groups:
            g["lr"] = lr * g.get("lr_mult", 1.0)
        return lr

    def train(self, epochs):
        self.net.train()
        for ep in range(epochs):
            for img, mask in self.loader:
                lr = self.set_lr()
                self.opt.zero_grad()
                logits = self.net(img)
                loss = F.cross_entropy(logits, mask, ignore_index=255)
                loss.backward()
                self.opt.step()
                self.it += 1
            print(f"ep {ep} it {self.it} lr {lr:.5f} loss {loss.item():.4f}")

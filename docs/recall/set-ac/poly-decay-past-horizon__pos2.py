import torch
import torch.nn.functional as F


def poly_lr(base_lr, cur_iter, max_iter, power=0.9):
    return base_lr * (1 - cur_iter / max_iter) ** power


class SegTrainer:
    def __init__(self, net, loader, cfg):
        self.net = net
        self.loader = loader
        self.base_lr = cfg["base_lr"]
        self.max_iter = cfg["max_iter"]
        self.epochs = cfg["epochs"]
        self.opt = torch.optim.SGD(net.parameters(), lr=self.base_lr, momentum=0.9, weight_decay=1e-4)

    def train(self):
        cur_iter = 0
        for epoch in range(self.epochs):
            self.net.train()
            for img, mask in self.loader:
                lr = poly_lr(self.base_lr, cur_iter, self.max_iter)
                for g in self.opt.param_groups:
                    g["lr"] = lr
                logits = self.net(img)
                loss = F.cross_entropy(logits, mask, ignore_index=255)
                self.opt.zero_grad()
                loss.backward()
                self.opt.step()
                cur_iter += 1
            print(f"epoch {epoch} iter {cur_iter} lr {lr:.6f} loss {loss.item():.4f}")

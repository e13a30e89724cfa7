import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import MultiplicativeLR


class DepthTrainer:
    def __init__(self, net, loader, epochs=40, lr=1e-4, gammas=(0.97, 0.9)):
        self.net = net.cuda()
        self.loader = loader
        self.epochs = epochs
        self.opt = torch.optim.AdamW([
            {"params": self.net.encoder.parameters(), "lr": lr * 0.1},
            {"params": self.net.decoder.parameters(), "lr": lr},
        ], weight_decay=1e-2)
        self.gammas = gammas
        self.sched = MultiplicativeLR(self.opt, lr_lambda=self._factors())

    def _factors(self):
        out = []
        for i in range(len(self.opt.param_groups)):
            def factor(epoch):
                return self.gammas[i]
            out.append(factor)
        return out

    def _silog(self, pred, gt, valid):
        d = torch.log(pred[valid]) - torch.log(gt[valid])
        return torch.sqrt((d ** 2).mean() - 0.85 * d.mean() ** 2) * 10.0

    def train(self):
        for epoch in range(self.epochs):
            self.net.train()
            for img, depth in self.loader:
                img, depth = img.cuda(), depth.cuda()
                pred = F.interpolate(self.net(img), size=depth.shape[-2:], mode="bilinear",
                                     align_corners=False)
                loss = self._silog(pred.clamp(min=1e-3), depth, depth > 1e-3)
                self.opt.zero_grad()
                loss.backward()
                self.opt.step()
            self.sched.step()
            print(f"epoch {epoch} loss {loss.item():.4f} lrs {self.sched.get_last_lr()}")

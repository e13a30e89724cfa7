import time
from pathlib import Path

import torch


class Checkpointer:
    def __init__(self, net, save_root, keep_last=3):
        self.net = net
        self.root = Path(save_root)
        self.root.mkdir(parents=True, exist_ok=True)
        self.keep_last = keep_last
        self.saved = []

    def _prune(self):
        while len(self.saved) > self.keep_last:
            old = self.saved.pop(0)
            if old.exists():
                old.unlink()

    def save(self, tag):
        path = self.root / f"{tag}_{time.strftime('%Y%m%d-%H%M%S')}.pth"
        torch.save(self.net, path)
        self.saved.append(path)
        self._prune()
        return path

    def load_latest(self):
        if not self.saved:
            return None
        return torch.load(self.saved[-1], weights_only=False)


def fit(net, loader, opt, loss_fn, epochs, save_root):
    ckpt = Checkpointer(net, save_root)
    for ep in range(epochs):
        net.train()
        for xb, yb in loader:
            xb, yb = xb.cuda(), yb.cuda()
            opt.zero_grad()
            loss = loss_fn(net(xb), yb)
            loss.backward()
            opt.step()
        ckpt.save(f"ep{ep:03d}")
    return net

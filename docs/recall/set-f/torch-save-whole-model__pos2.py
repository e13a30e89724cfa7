import os
import time

import torch


class Exporter:
    def __init__(self, net, out_dir, keep_last=3):
        self.net = net
        self.out_dir = out_dir
        self.keep_last = keep_last
        self.saved = []
        os.makedirs(out_dir, exist_ok=True)

    def _prune(self):
        while len(self.saved) > self.keep_last:
            old = self.saved.pop(0)
            if os.path.exists(old):
                os.remove(old)

    def export(self, tag=None):
        tag = tag or time.strftime("%Y%m%d-%H%M%S")
        path = os.path.join(self.out_dir, f"detector_{tag}.pth")
        self.net.eval()
        torch.save(self.net, path)
        self.net.train()
        self.saved.append(path)
        self._prune()
        return path

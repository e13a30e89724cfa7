import os
import time

import torch


class Exporter:
    def __init__(self, net, out_dir, arch_cfg):
        self.net = net
        self.out_dir = out_dir
        self.arch_cfg = arch_cfg
        os.makedirs(out_dir, exist_ok=True)

    def export(self, tag=None):
        tag = tag or time.strftime("%Y%m%d-%H%M%S")
        path = os.path.join(self.out_dir, f"detector_{tag}.pth")
        payload = {
            "arch": dict(self.arch_cfg),
            "model": self.net.state_dict(),
            "torch_version": torch.__version__,
        }
        torch.save(payload, path)
        return path

    @staticmethod
    def load(path, build_fn):
        payload = torch.load(path, map_location="cpu")
        net = build_fn(**payload["arch"])
        net.load_state_dict(payload["model"])
        return net

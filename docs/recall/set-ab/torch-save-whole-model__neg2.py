import os

import torch


class Exporter:
    """Writes a resumable checkpoint plus a TorchScript artefact for serving."""

    def __init__(self, net, opt, lr_sched, out_dir):
        self.net = net
        self.opt = opt
        self.lr_sched = lr_sched
        self.out_dir = out_dir
        os.makedirs(out_dir, exist_ok=True)

    def _unwrapped(self):
        return self.net.module if hasattr(self.net, "module") else self.net

    def save_checkpoint(self, epoch, metric):
        state = {
            "epoch": epoch,
            "metric": metric,
            "net": self._unwrapped().state_dict(),
            "opt": self.opt.state_dict(),
            "lr_sched": self.lr_sched.state_dict(),
        }
        torch.save(state, os.path.join(self.out_dir, "last.ckpt"))

    def export_torchscript(self, example):
        net = self._unwrapped()
        was_training = net.training
        net.eval()
        with torch.no_grad():
            scripted = torch.jit.trace(net, example)
        net.train(was_training)
        torch.jit.save(scripted, os.path.join(self.out_dir, "model.ts"))
        return scripted

import logging
from pathlib import Path

import torch
from torch.optim.lr_scheduler import OneCycleLR

log = logging.getLogger(__name__)


class Engine:
    def __init__(self, policy, loader, opts):
        self.policy = policy.cuda()
        self.loader = loader
        self.opts = opts
        self.optim = torch.optim.SGD(policy.parameters(), lr=opts.lr, momentum=0.9, nesterov=True)
        self.schedule = OneCycleLR(
            self.optim, max_lr=opts.lr, epochs=opts.epochs, steps_per_epoch=len(loader)
        )
        self.epoch = 0
        self.out = Path(opts.out_dir)

    def state(self):
        return {
            "epoch": self.epoch,
            "policy": self.policy.state_dict(),
            "optim": self.optim.state_dict(),
            "schedule": self.schedule.state_dict(),
        }

    def checkpoint(self):
        self.out.mkdir(parents=True, exist_ok=True)
        torch.save(self.state(), self.out / "latest.pt")

    def restore(self, path):
        blob = torch.load(path, map_location="cpu")
        self.policy.load_state_dict(blob["policy"])
        self.optim.load_state_dict(blob["optim"])
        if "schedule" in blob:
            self.schedule.load_state_dict(blob["schedule"])
        else:
            log.warning("checkpoint %s has no schedule state", path)
        self.epoch = blob["epoch"] + 1

    def run(self):
        while self.epoch < self.opts.epochs:
            self.policy.train()
            for obs, act in self.loader:
                obs, act = obs.cuda(), act.cuda()
                self.optim.zero_grad()
                loss = self.policy.nll(obs, act)
                loss.backward()
                self.optim.step()
                self.schedule.step()
            self.checkpoint()
            self.epoch += 1

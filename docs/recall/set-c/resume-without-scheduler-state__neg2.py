import os

import torch
from torch import nn
from torch.optim.lr_scheduler import OneCycleLR
from torch.utils.data import DataLoader


class Trainer:
    def __init__(self, model: nn.Module, dataset, hp: dict):
        self.hp = hp
        self.device = torch.device(hp.get("device", "cuda"))
        self.model = model.to(self.device)
        self.loader = DataLoader(dataset, batch_size=hp["bs"], shuffle=True,
                                 num_workers=hp.get("workers", 4), drop_last=True)
        self.optim = torch.optim.AdamW(self.model.parameters(), lr=hp["lr"],
                                       weight_decay=hp["wd"])
        self.lr_scheduler = OneCycleLR(self.optim, max_lr=hp["lr"],
                                       total_steps=hp["epochs"] * len(self.loader))
        self.loss_fn = nn.MSELoss()
        self.epoch = 0

    def state(self):
        return {
            "epoch": self.epoch,
            "model": self.model.state_dict(),
            "optim": self.optim.state_dict(),
            "lr_scheduler": self.lr_scheduler.state_dict(),
        }

    def resume(self, path):
        if not os.path.isfile(path):
            return
        ckpt = torch.load(path, map_location=self.device)
        self.model.load_state_dict(ckpt["model"])
        self.optim.load_state_dict(ckpt["optim"])
        self.lr_scheduler.load_state_dict(ckpt["lr_scheduler"])
        self.epoch = ckpt["epoch"] + 1

    def run(self, ckpt_path):
        self.resume(ckpt_path)
        while self.epoch < self.hp["epochs"]:
            self.model.train()
            for feats, target in self.loader:
                feats, target = feats.to(self.device), target.to(self.device)
                self.optim.zero_grad(set_to_none=True)
                loss = self.loss_fn(self.model(feats), target)
                loss.backward()
                self.optim.step()
                self.lr_scheduler.step()
            torch.save(self.state(), ckpt_path)
            self.epoch += 1

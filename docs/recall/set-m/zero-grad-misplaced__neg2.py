import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader


class Trainer:
    def __init__(self, net, train_set, cfg):
        self.net = net.to(cfg["device"])
        self.cfg = cfg
        self.accum = max(1, cfg["accum_steps"])
        self.loader = DataLoader(train_set, batch_size=cfg["micro_batch"], shuffle=True,
                                 num_workers=4, drop_last=True)
        self.opt = torch.optim.AdamW(self.net.parameters(), lr=cfg["lr"],
                                     weight_decay=cfg["wd"])

    def train_epoch(self):
        self.net.train()
        self.opt.zero_grad(set_to_none=True)
        for i, (ids, labels) in enumerate(self.loader):
            ids, labels = ids.to(self.cfg["device"]), labels.to(self.cfg["device"])
            logits = self.net(ids)
            loss = F.cross_entropy(logits.view(-1, logits.size(-1)), labels.view(-1))
            (loss / self.accum).backward()
            if (i + 1) % self.accum == 0:
                torch.nn.utils.clip_grad_norm_(self.net.parameters(), 1.0)
                self.opt.step()
                self.opt.zero_grad(set_to_none=True)

    def fit(self):
        for epoch in range(self.cfg["epochs"]):
            self.train_epoch()

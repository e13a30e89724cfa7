import logging

import torch
from torch.optim.lr_scheduler import MultiStepLR

log = logging.getLogger(__name__)


class Trainer:
    def __init__(self, net, train_loader, cfg):
        self.net = net
        self.train_loader = train_loader
        self.cfg = cfg
        self.device = torch.device(cfg["device"])
        self.net.to(self.device)
        self.opt = torch.optim.SGD(
            self.net.parameters(),
            lr=cfg["base_lr"],
            momentum=0.9,
            weight_decay=cfg["weight_decay"],
        )
        n_epochs = cfg["num_epochs"]
        # decay by 10x at 50% and 75% of training
        self.lr_sched = MultiStepLR(
            self.opt,
            milestones=[int(0.5 * n_epochs), int(0.75 * n_epochs)],
            gamma=0.1,
        )
        self.loss_fn = torch.nn.CrossEntropyLoss(label_smoothing=0.1)

    def _train_step(self, batch):
        inputs, labels = (t.to(self.device, non_blocking=True) for t in batch)
        out = self.net(inputs)
        loss = self.loss_fn(out, labels)
        self.opt.zero_grad(set_to_none=True)
        loss.backward()
        self.opt.step()
        self.lr_sched.step()
        return loss.item()

    def train_epoch(self, epoch):
        self.net.train()
        total, n = 0.0, 0
        for batch in self.train_loader:
            total += self._train_step(batch)
            n += 1
        log.info("epoch %d  loss %.4f  lr %.2e", epoch, total / max(n, 1),
                 self.lr_sched.get_last_lr()[0])

    def fit(self):
        for epoch in range(self.cfg["num_epochs"]):
            self.train_epoch(epoch)
            torch.save(
                {"net": self.net.state_dict(),
                 "opt": self.opt.state_dict(),
                 "sched": self.lr_sched.state_dict(),
                 "epoch": epoch},
                self.cfg["ckpt_path"],
            )

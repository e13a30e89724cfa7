import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader


class PoseTrainer:
    def __init__(self, net, train_set, cfg):
        self.cfg = cfg
        self.device = torch.device(cfg["device"])
        self.net = net.to(self.device)
        self.train_set = train_set
        self.opt = torch.optim.Adam(self.net.parameters(), lr=cfg["lr"])
        self.lr_sched = torch.optim.lr_scheduler.MultiStepLR(self.opt, milestones=cfg["milestones"], gamma=0.1)
        self.train_loader = self._make_loader()

    def _make_loader(self):
        return DataLoader(
            self.train_set,
            batch_size=self.cfg["batch_size"],
            num_workers=self.cfg["workers"],
            pin_memory=True,
            drop_last=True,
            collate_fn=self.train_set.collate,
        )

    def _epoch(self, epoch):
        self.net.train()
        for i, (img, heatmap, weight) in enumerate(self.train_loader):
            img, heatmap, weight = img.to(self.device), heatmap.to(self.device), weight.to(self.device)
            pred = self.net(img)
            loss = (F.mse_loss(pred, heatmap, reduction="none") * weight).mean()
            self.opt.zero_grad()
            loss.backward()
            self.opt.step()
            if i % 100 == 0:
                print(f"epoch {epoch} [{i}/{len(self.train_loader)}] loss {loss.item():.6f}")

    def fit(self):
        for epoch in range(self.cfg["epochs"]):
            self._epoch(epoch)
            self.lr_sched.step()

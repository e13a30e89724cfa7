import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader, RandomSampler


class TabularTrainer:
    def __init__(self, model, train_set, cfg):
        self.cfg = cfg
        self.device = torch.device(cfg["device"])
        self.model = model.to(self.device)
        self.train_set = train_set
        self.optim = torch.optim.AdamW(self.model.parameters(), lr=cfg["lr"])
        self.train_loader = self._make_loader()

    def _make_loader(self):
        gen = torch.Generator()
        gen.manual_seed(self.cfg["seed"])
        return DataLoader(
            self.train_set,
            batch_size=self.cfg["batch_size"],
            sampler=RandomSampler(self.train_set, generator=gen),
            num_workers=self.cfg["workers"],
            drop_last=True,
        )

    def train_epoch(self, epoch):
        self.model.train()
        for num, cat, target in self.train_loader:
            num, cat = num.to(self.device), cat.to(self.device)
            target = target.to(self.device).float()
            self.optim.zero_grad(set_to_none=True)
            loss = F.binary_cross_entropy_with_logits(self.model(num, cat).squeeze(-1), target)
            loss.backward()
            self.optim.step()

    def fit(self):
        for epoch in range(self.cfg["epochs"]):
            self.train_epoch(epoch)

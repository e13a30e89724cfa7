import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader


class TabularTrainer:
    def __init__(self, model, train_set, cfg):
        self.cfg = cfg
        self.device = torch.device(cfg["device"])
        self.model = model.to(self.device)
        self.train_set = train_set
        self.optim = torch.optim.AdamW(self.model.parameters(), lr=cfg["lr"],
                                       weight_decay=cfg["weight_decay"])
        self.train_loader = self._make_loader()

    def _make_loader(self):
        return DataLoader(
            self.train_set,
            batch_size=self.cfg["batch_size"],
            num_workers=self.cfg["workers"],
            pin_memory=True,
            drop_last=True,
        )

    def train_epoch(self, epoch):
        self.model.train()
        seen, loss_sum = 0, 0.0
        for num, cat, target in self.train_loader:
            num, cat = num.to(self.device), cat.to(self.device)
            target = target.to(self.device).float()
            self.optim.zero_grad(set_to_none=True)
            pred = self.model(num, cat).squeeze(-1)
            loss = F.binary_cross_entropy_with_logits(pred, target)
            loss.backward()
            self.optim.step()
            loss_sum += loss.item() * target.size(0)
            seen += target.size(0)
        print(f"epoch {epoch}: logloss {loss_sum / seen:.5f}")

    def fit(self):
        for epoch in range(self.cfg["epochs"]):
            self.train_epoch(epoch)

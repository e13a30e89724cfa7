import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader, WeightedRandomSampler


class ImbalancedTrainer:
    def __init__(self, net, train_set, val_set, cfg):
        self.cfg = cfg
        self.device = torch.device(cfg["device"])
        self.net = net.to(self.device)
        counts = torch.bincount(torch.as_tensor(train_set.targets))
        sample_w = (1.0 / counts.float())[torch.as_tensor(train_set.targets)]
        sampler = WeightedRandomSampler(sample_w, num_samples=len(train_set), replacement=True)
        self.train_loader = DataLoader(train_set, batch_size=cfg["batch_size"], sampler=sampler,
                                       num_workers=cfg["workers"], drop_last=True)
        self.val_loader = DataLoader(val_set, batch_size=cfg["batch_size"], shuffle=False)
        self.opt = torch.optim.Adam(self.net.parameters(), lr=cfg["lr"])

    def _epoch(self, epoch):
        self.net.train()
        for i, (img, label) in enumerate(self.train_loader):
            img, label = img.to(self.device), label.to(self.device)
            loss = F.cross_entropy(self.net(img), label)
            self.opt.zero_grad()
            loss.backward()
            self.opt.step()
            if i % 100 == 0:
                print(f"epoch {epoch} [{i}/{len(self.train_loader)}] loss {loss.item():.4f}")

    @torch.no_grad()
    def _balanced_acc(self):
        self.net.eval()
        hits = torch.zeros(self.cfg["num_classes"])
        seen = torch.zeros(self.cfg["num_classes"])
        for img, label in self.val_loader:
            pred = self.net(img.to(self.device)).argmax(1).cpu()
            seen += torch.bincount(label, minlength=self.cfg["num_classes"]).float()
            hits += torch.bincount(label[pred == label], minlength=self.cfg["num_classes"]).float()
        return (hits / seen.clamp(min=1)).mean().item()

    def fit(self):
        for epoch in range(self.cfg["epochs"]):
            self._epoch(epoch)
            print(f"epoch {epoch}: balanced acc {self._balanced_acc():.4f}")

import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader

from tabular import CSVDataset
from nets import ResidualMLP


def build_loader(cfg, split):
    ds = CSVDataset(cfg["data"][split], target=cfg["data"]["target"])
    is_train = split == "train"
    return DataLoader(ds, batch_size=cfg["train"]["batch_size"], shuffle=is_train, drop_last=is_train,
                      num_workers=cfg["train"].get("workers", 2))


def train(cfg):
    device = torch.device(cfg.get("device", "cuda"))
    loader = build_loader(cfg, "train")
    net = ResidualMLP(loader.dataset.n_features, cfg["model"]["hidden"], cfg["model"]["depth"]).to(device)
    opt = torch.optim.Adam(net.parameters(), lr=cfg["train"]["lr"])
    for epoch in range(cfg["train"]["epochs"]):
        net.train()
        for feats, target in loader:
            feats, target = feats.to(device), target.to(device)
            opt.zero_grad()
            loss = F.mse_loss(net(feats).squeeze(-1), target)
            loss.backward()
            opt.step()
    return net

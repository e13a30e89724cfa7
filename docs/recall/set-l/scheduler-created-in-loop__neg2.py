import numpy as np
import torch
from sklearn.model_selection import KFold
from torch.optim.lr_scheduler import CosineAnnealingLR
from torch.utils.data import DataLoader, Subset

from model import TabularMLP


def cross_validate(dataset, cfg, n_splits=5):
    kf = KFold(n_splits=n_splits, shuffle=True, random_state=cfg.seed)
    scores = []
    for fold, (tr_idx, va_idx) in enumerate(kf.split(np.arange(len(dataset)))):
        net = TabularMLP(cfg.in_dim, cfg.hidden, cfg.out_dim).cuda()
        opt = torch.optim.AdamW(net.parameters(), lr=cfg.lr, weight_decay=cfg.wd)
        lr_sched = CosineAnnealingLR(opt, T_max=cfg.epochs)
        tr_dl = DataLoader(Subset(dataset, tr_idx), batch_size=cfg.bs, shuffle=True)
        va_dl = DataLoader(Subset(dataset, va_idx), batch_size=cfg.bs)

        for epoch in range(cfg.epochs):
            net.train()
            for x, y in tr_dl:
                opt.zero_grad()
                loss = torch.nn.functional.mse_loss(net(x.cuda()), y.cuda())
                loss.backward()
                opt.step()
            lr_sched.step()

        net.eval()
        with torch.no_grad():
            errs = [torch.nn.functional.mse_loss(net(x.cuda()), y.cuda()).item() for x, y in va_dl]
        scores.append(float(np.mean(errs)))
        print(f"fold {fold}: val mse {scores[-1]:.5f}")
    return float(np.mean(scores))

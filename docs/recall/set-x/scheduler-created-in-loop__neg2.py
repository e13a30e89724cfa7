import numpy as np
import torch
from sklearn.model_selection import KFold
from torch.optim.lr_scheduler import CosineAnnealingLR
from torch.utils.data import DataLoader, Subset

from model import TabularNet


def cross_validate(dataset, n_folds=5, epochs=40, lr=2e-3, bs=256):
    kf = KFold(n_splits=n_folds, shuffle=True, random_state=0)
    scores = []
    for fold, (tr_idx, va_idx) in enumerate(kf.split(np.arange(len(dataset)))):
        tr_dl = DataLoader(Subset(dataset, tr_idx), batch_size=bs, shuffle=True)
        va_dl = DataLoader(Subset(dataset, va_idx), batch_size=bs)
        # fresh model, optimizer and schedule for every fold
        net = TabularNet(dataset.n_features).cuda()
        opt = torch.optim.AdamW(net.parameters(), lr=lr, weight_decay=1e-4)
        sched = CosineAnnealingLR(opt, T_max=epochs)
        for epoch in range(epochs):
            net.train()
            for xb, yb in tr_dl:
                loss = torch.nn.functional.binary_cross_entropy_with_logits(
                    net(xb.cuda()).squeeze(1), yb.float().cuda())
                opt.zero_grad()
                loss.backward()
                opt.step()
            sched.step()
        net.eval()
        with torch.no_grad():
            preds = torch.cat([net(xb.cuda()).sigmoid().cpu() for xb, _ in va_dl]).squeeze(1)
            labels = torch.cat([yb for _, yb in va_dl])
        acc = ((preds > 0.5).long() == labels).float().mean().item()
        print(f"fold {fold}: acc {acc:.4f}")
        scores.append(acc)
    return float(np.mean(scores))

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import CosineAnnealingLR
from torch.utils.data import DataLoader, Subset
from sklearn.model_selection import KFold


def cross_validate(build_model, dataset, n_folds=5, epochs=30, lr=1e-3, bs=64):
    kf = KFold(n_splits=n_folds, shuffle=True, random_state=0)
    scores = []
    for fold, (tr_idx, va_idx) in enumerate(kf.split(list(range(len(dataset))))):
        tr_dl = DataLoader(Subset(dataset, tr_idx), batch_size=bs, shuffle=True)
        va_dl = DataLoader(Subset(dataset, va_idx), batch_size=bs)

        net = build_model().cuda()
        opt = torch.optim.Adam(net.parameters(), lr=lr)
        sched = CosineAnnealingLR(opt, T_max=epochs)
        crit = nn.CrossEntropyLoss()

        for epoch in range(epochs):
            net.train()
            for x, y in tr_dl:
                opt.zero_grad()
                loss = crit(net(x.cuda()), y.cuda())
                loss.backward()
                opt.step()
            sched.step()

        net.eval()
        hit = 0
        with torch.no_grad():
            for x, y in va_dl:
                hit += (net(x.cuda()).argmax(1).cpu() == y).sum().item()
        scores.append(hit / len(va_idx))
        print(f"fold {fold}: acc {scores[-1]:.4f}")
    return sum(scores) / len(scores)

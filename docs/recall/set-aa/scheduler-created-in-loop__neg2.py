import torch
import torch.nn as nn
from torch.optim.lr_scheduler import CosineAnnealingLR
from torch.utils.data import DataLoader, Subset
from sklearn.model_selection import KFold


def cross_validate(make_model, dataset, n_folds=5, epochs=25, lr=3e-4, bs=32):
    kf = KFold(n_splits=n_folds, shuffle=True, random_state=42)
    scores = []
    for fold, (tr_idx, va_idx) in enumerate(kf.split(list(range(len(dataset))))):
        tr_dl = DataLoader(Subset(dataset, tr_idx), batch_size=bs, shuffle=True, num_workers=4)
        va_dl = DataLoader(Subset(dataset, va_idx), batch_size=bs * 2, num_workers=4)
        model = make_model().cuda()
        opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=1e-2)
        sched = CosineAnnealingLR(opt, T_max=epochs)
        crit = nn.CrossEntropyLoss()

        for epoch in range(epochs):
            model.train()
            for x, y in tr_dl:
                x, y = x.cuda(), y.cuda()
                opt.zero_grad()
                crit(model(x), y).backward()
                opt.step()
            sched.step()

        model.eval()
        hit = 0
        with torch.no_grad():
            for x, y in va_dl:
                hit += (model(x.cuda()).argmax(1).cpu() == y).sum().item()
        scores.append(hit / len(va_idx))
        torch.save(model.state_dict(), f"fold{fold}.pt")
        print(f"fold {fold}: acc {scores[-1]:.4f}")
    return sum(scores) / len(scores)

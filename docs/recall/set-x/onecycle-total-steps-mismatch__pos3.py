import itertools

import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import OneCycleLR
from torch.utils.data import DataLoader


def self_train(student, labelled_ds, pseudo_ds, cfg):
    lab_dl = DataLoader(labelled_ds, batch_size=cfg["bs"], shuffle=True, num_workers=4)
    pseudo_dl = DataLoader(pseudo_ds, batch_size=cfg["bs"], shuffle=True, num_workers=4)
    opt = torch.optim.AdamW(student.parameters(), lr=cfg["lr"], weight_decay=cfg["wd"])
    one_cycle = OneCycleLR(opt, max_lr=cfg["lr"], total_steps=cfg["epochs"] * len(lab_dl),
                           pct_start=0.1, anneal_strategy="cos")

    for epoch in range(cfg["epochs"]):
        student.train()
        running = 0.0
        for step, (x, y) in enumerate(itertools.chain(lab_dl, pseudo_dl)):
            x, y = x.cuda(), y.cuda()
            logits = student(x)
            loss = F.cross_entropy(logits, y, label_smoothing=cfg["smoothing"])
            opt.zero_grad()
            loss.backward()
            opt.step()
            one_cycle.step()
            running += loss.item()
        print(f"epoch {epoch}: loss {running / (step + 1):.4f}")
    torch.save(student.state_dict(), cfg["out"])
    return student

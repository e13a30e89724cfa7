import os

import torch
from torch.optim.lr_scheduler import ExponentialLR

from recsys.data import InteractionLoader
from recsys.model import TwoTower


def build_optimizer_and_scheduler(model, opt_cfg):
    optimizer = torch.optim.Adam(model.parameters(), lr=opt_cfg["lr"],
                                 weight_decay=opt_cfg["weight_decay"])
    scheduler = ExponentialLR(optimizer, gamma=opt_cfg["gamma"])
    return optimizer, scheduler


def main(cfg):
    model = TwoTower(**cfg["model"]).cuda()
    loader = InteractionLoader(cfg["data"], batch_size=cfg["batch_size"], shuffle=True)
    optimizer, scheduler = build_optimizer_and_scheduler(model, cfg["optim"])
    os.makedirs(cfg["out_dir"], exist_ok=True)

    for epoch in range(cfg["epochs"]):
        model.train()
        total, n = 0.0, 0
        for users, pos_items, neg_items in loader:
            users, pos_items, neg_items = users.cuda(), pos_items.cuda(), neg_items.cuda()
            loss = model.bpr_loss(users, pos_items, neg_items)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item()
            n += 1
        print(f"epoch {epoch} bpr {total / n:.5f}")
        torch.save({
            "epoch": epoch,
            "model": model.state_dict(),
            "optimizer": optimizer.state_dict(),
            "scheduler": scheduler.state_dict(),
        }, os.path.join(cfg["out_dir"], "last.pt"))

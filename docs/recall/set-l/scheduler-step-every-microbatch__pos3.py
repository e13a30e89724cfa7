import torch
from torch.optim.lr_scheduler import CosineAnnealingLR

from model import ViT


def train(cfg, loader):
    net = ViT(cfg.model).cuda()
    opt = torch.optim.AdamW(net.parameters(), lr=cfg.lr, weight_decay=cfg.wd)
    n_updates = max(1, cfg.epochs * (len(loader) // cfg.accumulate))
    cosine = CosineAnnealingLR(opt, T_max=n_updates, eta_min=cfg.lr * 0.01)
    criterion = torch.nn.CrossEntropyLoss(label_smoothing=0.1)

    step = 0
    for epoch in range(cfg.epochs):
        net.train()
        opt.zero_grad()
        batches = iter(loader)
        while True:
            try:
                imgs, labels = next(batches)
            except StopIteration:
                break
            loss = criterion(net(imgs.cuda()), labels.cuda()) / cfg.accumulate
            loss.backward()
            step += 1
            sync = step % cfg.accumulate == 0
            if sync:
                opt.step()
                opt.zero_grad()
            cosine.step()
            if sync and (step // cfg.accumulate) % cfg.log_interval == 0:
                print(f"update {step // cfg.accumulate} loss {loss.item() * cfg.accumulate:.4f}")
    return net

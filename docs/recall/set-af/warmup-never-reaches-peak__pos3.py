import math

import torch
import torch.nn.functional as F


def cosine_factor(epoch, total):
    return 0.5 * (1.0 + math.cos(math.pi * min(epoch, total) / total))


def train_detector(net, loader, cfg):
    params = [p for p in net.parameters() if p.requires_grad]
    opt = torch.optim.SGD(params, lr=cfg.TRAIN.LR, momentum=0.9, weight_decay=cfg.TRAIN.WD)
    base_lrs = [g["lr"] for g in opt.param_groups]
    warm_iters = max(1, cfg.TRAIN.WARM)

    for epoch in range(cfg.TRAIN.EPOCHS):
        net.train()
        for i, (images, targets) in enumerate(loader):
            if epoch == 0:
                scale = (i + 1) / warm_iters
            else:
                scale = cosine_factor(epoch, cfg.TRAIN.EPOCHS)
            for g, base in zip(opt.param_groups, base_lrs):
                g["lr"] = base * scale

            images = [img.cuda() for img in images]
            targets = [{k: v.cuda() for k, v in t.items()} for t in targets]
            loss_dict = net(images, targets)
            loss = sum(loss_dict.values())
            opt.zero_grad()
            loss.backward()
            opt.step()
            if i % 50 == 0:
                print(epoch, i, f"{loss.item():.3f}", f"{opt.param_groups[0]['lr']:.5f}")
        torch.save(net.state_dict(), f"{cfg.OUTPUT_DIR}/model_{epoch}.pth")

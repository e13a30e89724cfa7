import math

import numpy as np
import torch
from torch.optim.lr_scheduler import LambdaLR
from torch.utils.data import DataLoader

from yolo.model import Detector
from yolo.loss import ComputeLoss
from yolo.data import LoadImagesAndLabels


def one_cycle(y1=0.0, y2=1.0, steps=100):
    return lambda x: ((1 - math.cos(x * math.pi / steps)) / 2) * (y2 - y1) + y1


def train(hyp, opt, device="cuda"):
    dataset = LoadImagesAndLabels(opt.data, img_size=opt.imgsz, augment=True, hyp=hyp)
    loader = DataLoader(dataset, batch_size=opt.batch_size, shuffle=True,
                        num_workers=8, collate_fn=LoadImagesAndLabels.collate_fn)
    model = Detector(opt.cfg, nc=dataset.nc).to(device)
    compute_loss = ComputeLoss(model)
    optimizer = torch.optim.SGD(model.parameters(), lr=hyp["lr0"], momentum=hyp["momentum"],
                                nesterov=True)
    lf = one_cycle(1, hyp["lrf"], opt.epochs)
    scheduler = LambdaLR(optimizer, lr_lambda=lf)

    nb = len(loader)
    nw = max(round(hyp["warmup_epochs"] * nb), 100)
    for epoch in range(opt.epochs):
        model.train()
        for i, (imgs, targets, _, _) in enumerate(loader):
            ni = i + nb * epoch
            if ni <= nw:
                xi = [0, nw]
                for x in optimizer.param_groups:
                    # ramp towards the value the LambdaLR schedule gives this epoch
                    target = x["initial_lr"] * lf(epoch)
                    x["lr"] = np.interp(ni, xi, [0.1 * target, target])
            imgs = imgs.to(device, non_blocking=True).float() / 255
            loss, _ = compute_loss(model(imgs), targets.to(device))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        scheduler.step()
        print(f"epoch {epoch} lr {[x['lr'] for x in optimizer.param_groups]}")

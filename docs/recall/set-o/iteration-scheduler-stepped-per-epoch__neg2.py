import logging

import torch
from torch.optim.lr_scheduler import PolynomialLR

from seg.data import build_train_loader
from seg.models import build_segmentor

logger = logging.getLogger(__name__)


def infinite(loader):
    while True:
        for batch in loader:
            yield batch


def do_train(cfg):
    net = build_segmentor(cfg).cuda()
    net.train()
    opt = torch.optim.SGD(net.parameters(), lr=cfg.SOLVER.BASE_LR, momentum=0.9,
                          weight_decay=cfg.SOLVER.WEIGHT_DECAY)
    max_iter = cfg.SOLVER.MAX_ITER
    poly = PolynomialLR(opt, total_iters=max_iter, power=0.9)

    data_iter = infinite(build_train_loader(cfg))
    it = 0
    while it < max_iter:
        images, labels = next(data_iter)
        images, labels = images.cuda(non_blocking=True), labels.cuda(non_blocking=True)
        losses = net(images, labels)
        total = sum(losses.values())
        opt.zero_grad()
        total.backward()
        opt.step()
        poly.step()
        it += 1
        if it % 20 == 0 or it == max_iter:
            logger.info("iter %d/%d loss %.4f lr %.6f", it, max_iter,
                        total.item(), poly.get_last_lr()[0])
        if it % cfg.SOLVER.CHECKPOINT_PERIOD == 0:
            torch.save({"model": net.state_dict(), "optimizer": opt.state_dict(),
                        "scheduler": poly.state_dict(), "iter": it},
                       f"{cfg.OUTPUT_DIR}/model_{it:07d}.pth")

import time

import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import StepLR

from config import cfg
from segmentation.models import build_segmenter
from segmentation.data import make_train_loader


def update_params(optim, lr_sched, loss, max_norm):
    optim.zero_grad()
    loss.backward()
    torch.nn.utils.clip_grad_norm_(net.parameters(), max_norm)
    optim.step()
    lr_sched.step()


net = build_segmenter(cfg.MODEL).cuda()
train_loader = make_train_loader(cfg.DATA, shuffle=True)
optim = torch.optim.AdamW(net.parameters(), lr=cfg.TRAIN.LR,
                          weight_decay=cfg.TRAIN.WD)
# cfg.TRAIN.DECAY_EPOCHS: halve the LR every this many epochs
lr_sched = StepLR(optim, step_size=cfg.TRAIN.DECAY_EPOCHS, gamma=0.5)

epoch = 0
while epoch < cfg.TRAIN.MAX_EPOCH:
    net.train()
    t0 = time.time()
    it = iter(train_loader)
    while True:
        try:
            img, mask = next(it)
        except StopIteration:
            break
        img, mask = img.cuda(), mask.cuda()
        pred = net(img)
        loss = F.cross_entropy(pred, mask, ignore_index=255)
        update_params(optim, lr_sched, loss, cfg.TRAIN.CLIP)
    print(f"[{epoch}] {time.time() - t0:.1f}s lr={lr_sched.get_last_lr()[0]:.6f}")
    epoch += 1

torch.save(net.state_dict(), cfg.OUTPUT_DIR + "/final.pth")

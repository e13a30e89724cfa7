import torch
from torch.utils.data import DataLoader
from yacs.config import CfgNode as CN

_C = CN()
_C.TRAIN = CN()
_C.TRAIN.BASE_LR = 0.01
_C.TRAIN.WARM = 500
_C.TRAIN.WARM_FACTOR = 0.001
_C.TRAIN.MAX_ITER = 90000
_C.TRAIN.STEPS = (60000, 80000)
_C.TRAIN.IMS_PER_BATCH = 16


def do_train(cfg, net, dataset, device):
    loader = DataLoader(dataset, batch_size=cfg.TRAIN.IMS_PER_BATCH, shuffle=True,
                        num_workers=4, collate_fn=dataset.collate_fn)
    opt = torch.optim.SGD(net.parameters(), lr=cfg.TRAIN.BASE_LR, momentum=0.9,
                          weight_decay=1e-4)
    cur_lr = cfg.TRAIN.BASE_LR
    global_step = 0
    net.train()
    while global_step < cfg.TRAIN.MAX_ITER:
        for images, targets in loader:
            if global_step < cfg.TRAIN.WARM:
                alpha = (global_step + 1) / cfg.TRAIN.WARM
                warm_factor = cfg.TRAIN.WARM_FACTOR * (1 - alpha) + alpha
                cur_lr = cur_lr * warm_factor
            elif global_step in cfg.TRAIN.STEPS:
                cur_lr = cur_lr * 0.1
            for g in opt.param_groups:
                g["lr"] = cur_lr

            loss_dict = net([im.to(device) for im in images],
                            [{k: v.to(device) for k, v in t.items()} for t in targets])
            loss = sum(loss_dict.values())
            opt.zero_grad()
            loss.backward()
            opt.step()

            global_step += 1
            if global_step % 20 == 0:
                print(global_step, f"{loss.item():.3f}", f"{cur_lr:.5f}")
            if global_step >= cfg.TRAIN.MAX_ITER:
                break

import torch
from torch.optim.lr_scheduler import LinearLR, MultiStepLR, SequentialLR

from det.config import cfg
from det.data import build_train_loader
from det.modeling import build_model


def do_train():
    loader = build_train_loader(cfg)
    iters_per_epoch = len(loader)
    model = build_model(cfg).cuda()
    opt = torch.optim.SGD(model.parameters(), lr=cfg.SOLVER.BASE_LR, momentum=0.9,
                          weight_decay=cfg.SOLVER.WEIGHT_DECAY)

    warm = LinearLR(opt, start_factor=cfg.SOLVER.WARMUP_FACTOR, total_iters=cfg.SOLVER.WARMUP_EPOCHS)
    drops = MultiStepLR(opt, milestones=[e * iters_per_epoch for e in cfg.SOLVER.STEPS], gamma=0.1)
    lr_sched = SequentialLR(opt, schedulers=[warm, drops], milestones=[cfg.SOLVER.WARMUP_EPOCHS])

    it = 0
    for epoch in range(cfg.SOLVER.MAX_EPOCHS):
        model.train()
        for images, targets in loader:
            losses = model(images.cuda(), [t.cuda() for t in targets])
            loss = sum(losses.values())
            opt.zero_grad()
            loss.backward()
            opt.step()
            lr_sched.step()
            it += 1
            if it % 20 == 0:
                print(f"iter {it} epoch {epoch} loss {loss.item():.3f} "
                      f"lr {opt.param_groups[0]['lr']:.5f}")
        torch.save({"model": model.state_dict(), "optimizer": opt.state_dict(),
                    "scheduler": lr_sched.state_dict(), "epoch": epoch},
                   f"{cfg.OUTPUT_DIR}/model_final.pth")

import torch
from torch.optim.lr_scheduler import OneCycleLR

from config import get_config
from data import build_loader
from model import EfficientNetB0


def train():
    cfg = get_config()
    loader = build_loader(cfg.DATA, train=True)
    net = EfficientNetB0(num_classes=cfg.MODEL.NUM_CLASSES).cuda()
    opt = torch.optim.RMSprop(net.parameters(), lr=cfg.TRAIN.BASE_LR, alpha=0.9,
                              momentum=0.9, weight_decay=1e-5)
    crit = torch.nn.CrossEntropyLoss(label_smoothing=cfg.TRAIN.SMOOTHING)

    epoch = 0
    while epoch < cfg.TRAIN.EPOCHS:
        net.train()
        cyc = OneCycleLR(opt, max_lr=cfg.TRAIN.MAX_LR, epochs=cfg.TRAIN.EPOCHS,
                         steps_per_epoch=len(loader))
        for i, (x, y) in enumerate(loader):
            out = net(x.cuda(non_blocking=True))
            loss = crit(out, y.cuda(non_blocking=True))
            opt.zero_grad()
            loss.backward()
            opt.step()
            cyc.step()
            if i % cfg.PRINT_FREQ == 0:
                print(f"epoch {epoch} [{i}/{len(loader)}] loss {loss.item():.4f} "
                      f"lr {cyc.get_last_lr()[0]:.5f}")
        epoch += 1
        torch.save(net.state_dict(), f"{cfg.OUTPUT}/effnet_b0.pth")


if __name__ == "__main__":
    train()

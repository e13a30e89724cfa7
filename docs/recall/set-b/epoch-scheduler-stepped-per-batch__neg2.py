import torch
from torch.optim.lr_scheduler import StepLR

from .config import cfg
from .data import make_loader
from .model import build_segmenter


def train_one_epoch(seg, loader, optim, criterion, device, epoch):
    seg.train()
    for n, (img, mask) in enumerate(loader, start=1):
        img, mask = img.to(device), mask.to(device)
        loss = criterion(seg(img), mask)
        optim.zero_grad()
        loss.backward()
        optim.step()
        if n % 20 == 0:
            print(f"epoch {epoch} iter {n} loss {loss.item():.3f}")


def train():
    device = "cuda"
    seg = build_segmenter(cfg).to(device)
    loader = make_loader(cfg, split="train")
    optim = torch.optim.AdamW(seg.parameters(), lr=cfg.SOLVER.BASE_LR,
                              weight_decay=cfg.SOLVER.WD)
    decay = StepLR(optim, step_size=cfg.SOLVER.DECAY_EPOCHS, gamma=cfg.SOLVER.GAMMA)
    criterion = torch.nn.CrossEntropyLoss(ignore_index=255)

    epoch = 0
    while epoch < cfg.SOLVER.MAX_EPOCHS:
        train_one_epoch(seg, loader, optim, criterion, device, epoch)
        decay.step()
        epoch += 1
        torch.save(seg.state_dict(), f"{cfg.OUTPUT_DIR}/seg_{epoch:03d}.pth")


if __name__ == "__main__":
    train()

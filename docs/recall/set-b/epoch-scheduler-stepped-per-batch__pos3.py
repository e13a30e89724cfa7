import torch
from torch.optim.lr_scheduler import StepLR

from .config import cfg
from .data import make_loader
from .model import build_segmenter


def train():
    device = "cuda"
    seg = build_segmenter(cfg).to(device)
    loader = make_loader(cfg, split="train")
    params = [p for p in seg.parameters() if p.requires_grad]
    optim = torch.optim.AdamW(params, lr=cfg.SOLVER.BASE_LR, weight_decay=cfg.SOLVER.WD)
    # halve the rate every DECAY_EPOCHS epochs
    decay = StepLR(optim, step_size=cfg.SOLVER.DECAY_EPOCHS, gamma=cfg.SOLVER.GAMMA)
    criterion = torch.nn.CrossEntropyLoss(ignore_index=255)

    epoch = 0
    while epoch < cfg.SOLVER.MAX_EPOCHS:
        seg.train()
        it = iter(loader)
        n = 0
        while True:
            try:
                img, mask = next(it)
            except StopIteration:
                break
            img, mask = img.to(device), mask.to(device)
            out = seg(img)
            loss = criterion(out, mask)
            optim.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, cfg.SOLVER.CLIP)
            optim.step()
            decay.step()
            n += 1
            if n % 20 == 0:
                print(f"epoch {epoch} iter {n} loss {loss.item():.3f}")
        epoch += 1
        torch.save(seg.state_dict(), f"{cfg.OUTPUT_DIR}/seg_{epoch:03d}.pth")


if __name__ == "__main__":
    train()

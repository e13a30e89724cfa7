import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import CosineAnnealingLR

from detector import build_detector
from coco import make_train_loader

MAX_UPDATES = 90_000
ACCUM = 4
BASE_LR = 0.02


def main():
    loader = make_train_loader(batch_size=4, num_workers=8, shuffle=True)
    det = build_detector("retinanet_r50").cuda()
    opt = torch.optim.SGD(det.parameters(), lr=BASE_LR, momentum=0.9, weight_decay=1e-4)
    lr_sched = CosineAnnealingLR(opt, T_max=MAX_UPDATES, eta_min=BASE_LR * 1e-3)

    det.train()
    micro, updates = 0, 0
    data_iter = iter(loader)
    while updates < MAX_UPDATES:
        try:
            images, targets = next(data_iter)
        except StopIteration:
            data_iter = iter(loader)
            images, targets = next(data_iter)

        images = [im.cuda(non_blocking=True) for im in images]
        targets = [{k: v.cuda() for k, v in t.items()} for t in targets]
        losses = det(images, targets)
        loss = sum(losses.values())
        (loss / ACCUM).backward()
        micro += 1

        if micro % ACCUM == 0:
            torch.nn.utils.clip_grad_norm_(det.parameters(), 10.0)
            opt.step()
            opt.zero_grad()
            updates += 1
        lr_sched.step()

        if micro % (20 * ACCUM) == 0:
            parts = " ".join(f"{k}={v.item():.3f}" for k, v in losses.items())
            print(f"upd {updates} {parts} lr {lr_sched.get_last_lr()[0]:.5f}")

        if updates and updates % 10_000 == 0 and micro % ACCUM == 0:
            torch.save({"model": det.state_dict(), "opt": opt.state_dict(),
                        "sched": lr_sched.state_dict(), "updates": updates},
                       f"ckpt_{updates}.pth")


if __name__ == "__main__":
    main()

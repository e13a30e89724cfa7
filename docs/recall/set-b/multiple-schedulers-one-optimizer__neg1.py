import torch
from torch.optim.lr_scheduler import CosineAnnealingLR, LinearLR, SequentialLR
from torch.utils.data import DataLoader

from datasets import build_detection_dataset, collate_fn
from detector import build_detector


def train(args):
    device = torch.device("cuda")
    ds = build_detection_dataset(args.data_root, split="train")
    dl = DataLoader(ds, batch_size=args.batch_size, shuffle=True, num_workers=8,
                    collate_fn=collate_fn)
    det = build_detector(args.arch, num_classes=ds.num_classes).to(device)
    params = [p for p in det.parameters() if p.requires_grad]
    opt = torch.optim.SGD(params, lr=args.lr, momentum=0.9, weight_decay=1e-4)

    total_iters = args.epochs * len(dl)
    warm_iters = min(args.warmup_iters, total_iters - 1)
    lr_sched = SequentialLR(
        opt,
        schedulers=[
            LinearLR(opt, start_factor=0.001, total_iters=warm_iters),
            CosineAnnealingLR(opt, T_max=total_iters - warm_iters, eta_min=1e-5),
        ],
        milestones=[warm_iters],
    )

    for epoch in range(args.epochs):
        det.train()
        for it, (images, targets) in enumerate(dl):
            images = [im.to(device) for im in images]
            targets = [{k: v.to(device) for k, v in t.items()} for t in targets]
            loss = sum(det(images, targets).values())
            opt.zero_grad()
            loss.backward()
            opt.step()
            lr_sched.step()
            if it % args.print_freq == 0:
                print(f"[{epoch}] {it}/{len(dl)} loss={loss.item():.4f}")
        torch.save({"model": det.state_dict(), "optimizer": opt.state_dict(),
                    "lr_scheduler": lr_sched.state_dict(), "epoch": epoch},
                   f"{args.output_dir}/checkpoint.pth")

import torch
from torch.optim.lr_scheduler import CosineAnnealingLR, LinearLR
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
    optimizer = torch.optim.SGD(params, lr=args.lr, momentum=0.9, weight_decay=1e-4)

    total_iters = args.epochs * len(dl)
    warmup = LinearLR(optimizer, start_factor=0.001, total_iters=args.warmup_iters)
    cosine = CosineAnnealingLR(optimizer, T_max=total_iters, eta_min=1e-5)

    for epoch in range(args.epochs):
        det.train()
        for it, (images, targets) in enumerate(dl):
            images = [im.to(device) for im in images]
            targets = [{k: v.to(device) for k, v in t.items()} for t in targets]
            loss_dict = det(images, targets)
            loss = sum(loss_dict.values())
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            warmup.step()
            cosine.step()
            if it % args.print_freq == 0:
                print(f"[{epoch}] {it}/{len(dl)} loss={loss.item():.4f} "
                      f"lr={optimizer.param_groups[0]['lr']:.5f}")
        torch.save({"model": det.state_dict(), "optimizer": optimizer.state_dict(),
                    "warmup": warmup.state_dict(), "cosine": cosine.state_dict(),
                    "epoch": epoch}, f"{args.output_dir}/checkpoint.pth")

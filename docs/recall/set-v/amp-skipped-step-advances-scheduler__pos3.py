import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import LambdaLR
from torch.utils.data import DataLoader

from seg_model import build_segformer
from seg_data import ADE20K


def train(args):
    net = build_segformer(args.arch, num_classes=150).cuda()
    loader = DataLoader(ADE20K(args.root, "training"), batch_size=args.batch_size, shuffle=True,
                        num_workers=args.workers, drop_last=True)
    opt = torch.optim.AdamW(net.parameters(), lr=args.lr, weight_decay=0.01)
    n_updates = args.epochs * (len(loader) // args.accum)
    warm = args.n_warm
    ramp_then_poly = lambda u: (u + 1) / warm if u < warm else (1 - min(u, n_updates) / n_updates) ** 1.0
    warm_sched = LambdaLR(opt, ramp_then_poly)
    scaler = torch.cuda.amp.GradScaler(enabled=args.amp)

    net.train()
    opt.zero_grad(set_to_none=True)
    for epoch in range(args.epochs):
        for i, (img, mask) in enumerate(loader):
            img, mask = img.cuda(non_blocking=True), mask.cuda(non_blocking=True)
            with torch.autocast("cuda", enabled=args.amp):
                logits = net(img)
                logits = F.interpolate(logits, size=mask.shape[-2:], mode="bilinear", align_corners=False)
                loss = F.cross_entropy(logits, mask, ignore_index=255) / args.accum
            scaler.scale(loss).backward()
            if (i + 1) % args.accum == 0:
                scaler.unscale_(opt)
                torch.nn.utils.clip_grad_norm_(net.parameters(), args.clip)
                scaler.step(opt)
                scaler.update()
                opt.zero_grad(set_to_none=True)
                warm_sched.step()

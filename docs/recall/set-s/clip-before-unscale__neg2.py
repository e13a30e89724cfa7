from dataclasses import dataclass

import torch
from torch.nn.utils import clip_grad_norm_


@dataclass
class TrainArgs:
    lr: float = 2e-4
    max_grad_norm: float = 1.0
    epochs: int = 3


def train_step(net, batch, opt, args):
    inputs, targets = (t.cuda(non_blocking=True) for t in batch)
    with torch.autocast("cuda", dtype=torch.bfloat16):
        loss = net(inputs, labels=targets).loss
    loss.backward()
    grad_norm = clip_grad_norm_(net.parameters(), max_norm=args.max_grad_norm)
    opt.step()
    opt.zero_grad(set_to_none=True)
    return loss.item(), grad_norm.item()


def main(net, loader, args: TrainArgs):
    net.cuda().train()
    opt = torch.optim.AdamW(net.parameters(), lr=args.lr, fused=True)
    for epoch in range(args.epochs):
        running = 0.0
        for i, batch in enumerate(loader):
            loss_val, gnorm = train_step(net, batch, opt, args)
            running += loss_val
            if (i + 1) % 50 == 0:
                print(f"epoch {epoch} iter {i + 1} loss {running / 50:.4f} gnorm {gnorm:.2f}")
                running = 0.0

import math
from pathlib import Path

import torch
from torch.optim.lr_scheduler import LambdaLR


def warmup_cosine(total_steps, warm_steps):
    def fn(step):
        if step < warm_steps:
            return (step + 1) / warm_steps
        progress = (step - warm_steps) / max(1, total_steps - warm_steps)
        return 0.5 * (1.0 + math.cos(math.pi * min(progress, 1.0)))
    return fn


class Checkpointer:
    def __init__(self, out_dir, keep=3):
        self.out_dir = Path(out_dir)
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self.keep = keep

    def save(self, step, net, optim):
        state = {}
        state["step"] = step
        state["model"] = net.state_dict()
        state["optim"] = optim.state_dict()
        path = self.out_dir / f"step_{step:07d}.pt"
        torch.save(state, path)
        for old in sorted(self.out_dir.glob("step_*.pt"))[:-self.keep]:
            old.unlink()
        return path


def train(net, loader, cfg):
    net.train()
    optim = torch.optim.AdamW(net.parameters(), lr=cfg.lr, weight_decay=cfg.wd)
    lr_sched = LambdaLR(optim, warmup_cosine(cfg.total_steps, cfg.warm_steps))
    ckpt = Checkpointer(cfg.out_dir)
    step = 0
    while step < cfg.total_steps:
        for batch in loader:
            batch = {k: v.cuda(non_blocking=True) for k, v in batch.items()}
            loss = net(**batch).loss
            optim.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), cfg.max_grad_norm)
            optim.step()
            lr_sched.step()
            step += 1
            if step % cfg.save_every == 0:
                ckpt.save(step, net, optim)
            if step >= cfg.total_steps:
                break
    return net

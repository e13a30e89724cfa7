import math
import os

import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import LambdaLR


def warmup_cosine(optim, warmup_steps, total_steps):
    def lr_lambda(step):
        if step < warmup_steps:
            return (step + 1) / warmup_steps
        progress = (step - warmup_steps) / max(1, total_steps - warmup_steps)
        return 0.5 * (1.0 + math.cos(math.pi * min(progress, 1.0)))
    return LambdaLR(optim, lr_lambda)


def save_checkpoint(path, step, model, optim, ema=None):
    state = {"step": step, "model": model.state_dict()}
    state["optim"] = optim.state_dict()
    if ema is not None:
        state["ema"] = ema.state_dict()
    tmp = path + ".tmp"
    torch.save(state, tmp)
    os.replace(tmp, path)


def train(model, optim, data_iter, hp):
    lr_sched = warmup_cosine(optim, hp["warmup"], hp["max_steps"])
    model.train()
    step = 0
    while step < hp["max_steps"]:
        tokens, labels = next(data_iter)
        tokens, labels = tokens.cuda(), labels.cuda()
        logits = model(tokens)
        loss = F.cross_entropy(logits.view(-1, logits.size(-1)), labels.view(-1))
        optim.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), hp["clip"])
        optim.step()
        lr_sched.step()
        step += 1
        if step % hp["log_every"] == 0:
            print(f"step {step} loss {loss.item():.3f} lr {lr_sched.get_last_lr()[0]:.2e}")
        if step % hp["save_every"] == 0:
            save_checkpoint(os.path.join(hp["out"], "ckpt.pt"), step, model, optim)

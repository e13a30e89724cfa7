import math
import os

import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import LambdaLR

hp = {
    "lr": 3e-4,
    "ramp": 2000,
    "max_steps": 100_000,
    "save_every": 5000,
    "out": "runs/lm",
}


def lr_lambda(step):
    if step < hp["ramp"]:
        return (step + 1) / hp["ramp"]
    progress = (step - hp["ramp"]) / max(1, hp["max_steps"] - hp["ramp"])
    return 0.5 * (1.0 + math.cos(math.pi * min(1.0, progress)))


def save_checkpoint(path, model, optimizer, step):
    torch.save({"model": model.state_dict(), "optim": optimizer.state_dict(), "step": step}, path)


def train(model, batches):
    opt = torch.optim.AdamW(model.parameters(), lr=hp["lr"], betas=(0.9, 0.95), weight_decay=0.1)
    lr_sched = LambdaLR(opt, lr_lambda)
    os.makedirs(hp["out"], exist_ok=True)
    model.train()
    step = 0
    while step < hp["max_steps"]:
        inputs, targets = next(batches)
        logits = model(inputs)
        loss = F.cross_entropy(logits.view(-1, logits.size(-1)), targets.view(-1))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        lr_sched.step()
        step += 1
        if step % 100 == 0:
            print(f"step {step} loss {loss.item():.3f} lr {lr_sched.get_last_lr()[0]:.2e}")
        if step % hp["save_every"] == 0:
            save_checkpoint(os.path.join(hp["out"], f"step{step}.pt"), model, opt, step)

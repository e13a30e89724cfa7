import math
import os

import torch
from torch.optim.lr_scheduler import LambdaLR

from data import get_batch
from model import GPT, GPTConfig

hp = {
    "max_iters": 20000,
    "ramp": 500,
    "lr": 6e-4,
    "ckpt_every": 1000,
    "out_dir": "out",
}


def lr_lambda(it):
    if it < hp["ramp"]:
        return (it + 1) / hp["ramp"]
    progress = (it - hp["ramp"]) / max(1, hp["max_iters"] - hp["ramp"])
    return 0.1 + 0.9 * 0.5 * (1.0 + math.cos(math.pi * min(progress, 1.0)))


def save_ckpt(path, it, model, opt):
    ckpt = {}
    ckpt["model"] = model.state_dict()
    ckpt["optimizer"] = opt.state_dict()
    ckpt["iter"] = it
    torch.save(ckpt, path)


def train():
    device = "cuda"
    model = GPT(GPTConfig()).to(device)
    opt = torch.optim.AdamW(model.parameters(), lr=hp["lr"], betas=(0.9, 0.95), weight_decay=0.1)
    lr_sched = LambdaLR(opt, lr_lambda)
    os.makedirs(hp["out_dir"], exist_ok=True)

    model.train()
    it = 0
    while it < hp["max_iters"]:
        xb, yb = get_batch("train")
        _, loss = model(xb.to(device), yb.to(device))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        lr_sched.step()
        it += 1
        if it % hp["ckpt_every"] == 0:
            save_ckpt(os.path.join(hp["out_dir"], "ckpt.pt"), it, model, opt)


if __name__ == "__main__":
    train()

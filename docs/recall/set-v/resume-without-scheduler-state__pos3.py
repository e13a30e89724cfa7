import math
import os

import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import LambdaLR
from torch.utils.data import DataLoader

from model import GPT, GPTConfig
from dataset import TokenDataset

hp = {"lr": 6e-4, "ramp": 2000, "max_steps": 60000, "bs": 32, "ckpt_every": 5000, "out": "ckpt"}


def lr_lambda(step):
    if step < hp["ramp"]:
        return (step + 1) / hp["ramp"]
    progress = (step - hp["ramp"]) / max(1, hp["max_steps"] - hp["ramp"])
    return 0.1 + 0.45 * (1.0 + math.cos(math.pi * min(progress, 1.0)))


def save_state(path, net, opt, step):
    torch.save({"step": step, "net": net.state_dict(), "opt": opt.state_dict()}, path)


def main():
    net = GPT(GPTConfig()).cuda()
    opt = torch.optim.AdamW(net.parameters(), lr=hp["lr"], betas=(0.9, 0.95), weight_decay=0.1)
    lr_sched = LambdaLR(opt, lr_lambda)
    loader = DataLoader(TokenDataset("data/train.bin"), batch_size=hp["bs"], shuffle=True, drop_last=True)
    os.makedirs(hp["out"], exist_ok=True)

    step = 0
    net.train()
    while step < hp["max_steps"]:
        for x, y in loader:
            x, y = x.cuda(non_blocking=True), y.cuda(non_blocking=True)
            logits = net(x)
            loss = F.cross_entropy(logits.view(-1, logits.size(-1)), y.view(-1))
            opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            opt.step()
            lr_sched.step()
            step += 1
            if step % hp["ckpt_every"] == 0:
                save_state(os.path.join(hp["out"], f"step{step}.pt"), net, opt, step)
            if step >= hp["max_steps"]:
                break


if __name__ == "__main__":
    main()

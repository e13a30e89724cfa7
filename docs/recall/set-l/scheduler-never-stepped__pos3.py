import math

import torch
from torch.optim.lr_scheduler import LambdaLR


def build_scheduler(opt, total_steps, warm):
    def fn(step):
        if step < warm:
            return (step + 1) / warm
        progress = min(1.0, (step - warm) / max(1, total_steps - warm))
        return 0.5 * (1.0 + math.cos(math.pi * progress))
    return LambdaLR(opt, fn)


def train_step(agent, batch, opt):
    loss = agent.loss(batch)
    opt.zero_grad()
    loss.backward()
    torch.nn.utils.clip_grad_norm_(agent.parameters(), 0.5)
    opt.step()
    return loss.item()


def run(agent, buffer, hp):
    opt = torch.optim.Adam(agent.parameters(), lr=hp["lr"], eps=1e-5)
    lr_sched = build_scheduler(opt, hp["total_steps"], hp["warm"])
    agent.train()
    step = 0
    while step < hp["total_steps"]:
        batch = buffer.sample(hp["batch_size"])
        loss = train_step(agent, batch, opt)
        step += 1
        if step % hp["log_every"] == 0:
            print(f"step {step} loss {loss:.4f} lr {lr_sched.get_last_lr()[0]:.2e}")
    return agent

import torch
from torch.optim.lr_scheduler import LambdaLR

hp = {
    "lr": 1e-3,
    "ramp": 4000,
    "d_model": 512,
    "betas": (0.9, 0.98),
}


def make_optimizer(net):
    opt = torch.optim.Adam(net.parameters(), lr=hp["lr"], betas=hp["betas"], eps=1e-9)
    ramp = max(1, hp["ramp"])
    sched = LambdaLR(opt, lambda step: min(1.0, step / ramp))
    return opt, sched


def train(net, batches, n_steps, pad_idx=0):
    opt, sched = make_optimizer(net)
    crit = torch.nn.CrossEntropyLoss(ignore_index=pad_idx, label_smoothing=0.1)
    net.train()
    for step, (src, tgt) in enumerate(batches):
        if step >= n_steps:
            break
        logits = net(src, tgt[:, :-1])
        loss = crit(logits.reshape(-1, logits.size(-1)), tgt[:, 1:].reshape(-1))
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
        if step % 200 == 0:
            print(f"{step:6d} loss={loss.item():.3f} lr={sched.get_last_lr()[0]:.2e}")

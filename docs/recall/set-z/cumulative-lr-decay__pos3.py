import torch
import torch.nn.functional as F

HPARAMS = {
    "lr": 2e-3,
    "decay_rate": 0.5,
    "decay_steps": 20_000,
    "max_steps": 100_000,
    "log_every": 200,
}


def exp_decay(opt, step, hp):
    """TF-style exponential decay: lr * rate ** (step / decay_steps)."""
    hp["lr"] = hp["lr"] * hp["decay_rate"] ** (step / max(1, hp["decay_steps"]))
    for g in opt.param_groups:
        g["lr"] = hp["lr"]
    return hp["lr"]


def train(net, stream, hp):
    opt = torch.optim.Adam(net.parameters(), lr=hp["lr"])
    step = 0
    data = iter(stream)
    while step < hp["max_steps"]:
        try:
            mel, text = next(data)
        except StopIteration:
            data = iter(stream)
            continue
        pred = net(text)
        loss = F.l1_loss(pred, mel)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
        opt.step()
        step += 1
        cur = exp_decay(opt, step, hp)
        if step % hp["log_every"] == 0:
            print(f"{step:>7d}  loss={loss.item():.4f}  lr={cur:.3e}")

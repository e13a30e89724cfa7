import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import ExponentialLR


def fit(policy, buffer, n_updates, lr=3e-4, gamma=0.999, batch_size=256):
    opt = torch.optim.Adam(policy.parameters(), lr=lr)
    lr_sched = ExponentialLR(opt, gamma=gamma)
    history = []
    for update in range(n_updates):
        obs, act = buffer.sample(batch_size)
        logits = policy(obs)
        loss = F.cross_entropy(logits, act)
        opt.zero_grad()
        loss.backward()
        opt.step()
        lr_sched.step()
        cur_lr = lr_sched.get_lr()
        history.append({"update": update, "loss": loss.item(), "lr": cur_lr[0]})
        if update % 1000 == 0:
            print(f"update {update}: bc loss {loss.item():.4f} lr {cur_lr[0]:.2e}")
    return history

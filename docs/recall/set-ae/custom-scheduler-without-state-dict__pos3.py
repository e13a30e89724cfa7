import torch
import torch.nn as nn


class InverseSqrtSchedule:
    """Transformer LR: linear ramp for ``ramp`` steps, then decay as 1/sqrt(step)."""

    def __init__(self, opt, d_model, ramp=4000, scale=1.0):
        self.opt = opt
        self.d_model = d_model
        self.ramp = ramp
        self.scale = scale
        self.num_updates = 0
        self.current = 0.0
        self.step()

    def lr_at(self, n):
        n = max(n, 1)
        return self.scale * self.d_model ** -0.5 * min(n ** -0.5, n * self.ramp ** -1.5)

    def step(self):
        self.num_updates += 1
        self.current = self.lr_at(self.num_updates)
        for pg in self.opt.param_groups:
            pg["lr"] = self.current


def build(net, hp):
    adam = torch.optim.Adam(net.parameters(), lr=0.0, betas=(0.9, 0.98), eps=1e-9)
    return adam, InverseSqrtSchedule(adam, hp["d_model"], ramp=hp["ramp"], scale=hp["lr_scale"])


def run_epoch(batches, net, adam, lr_sched, pad_idx):
    crit = nn.CrossEntropyLoss(ignore_index=pad_idx, label_smoothing=0.1)
    net.train()
    seen, acc_loss = 0, 0.0
    for i, (src, tgt) in enumerate(batches):
        src, tgt = src.cuda(), tgt.cuda()
        logits = net(src, tgt[:, :-1])
        loss = crit(logits.reshape(-1, logits.size(-1)), tgt[:, 1:].reshape(-1))
        adam.zero_grad()
        loss.backward()
        adam.step()
        lr_sched.step()
        acc_loss += loss.item()
        seen += 1
        if i % 100 == 0:
            print(f"step {lr_sched.num_updates} loss {loss.item():.4f} lr {lr_sched.current:.2e}")
    return acc_loss / max(seen, 1)

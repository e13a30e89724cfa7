import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import LambdaLR


def warmup_schedule(opt, n_warm):
    return LambdaLR(opt, lambda s: min(1.0, (s + 1) / n_warm))


def train(net, loader, n_epochs=10, lr=5e-4, n_warm=1000, device="cuda"):
    opt = torch.optim.AdamW(net.parameters(), lr=lr, weight_decay=0.01)
    net.to(device).train()
    global_step = 0
    for ep in range(n_epochs):
        for batch_idx, (src, tgt) in enumerate(loader):
            lr_sched = warmup_schedule(opt, n_warm)
            src, tgt = src.to(device), tgt.to(device)
            logits = net(src, tgt[:, :-1])
            loss = F.cross_entropy(
                logits.reshape(-1, logits.size(-1)), tgt[:, 1:].reshape(-1), ignore_index=0
            )
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            opt.step()
            lr_sched.step()
            global_step += 1
            if global_step % 100 == 0:
                print(f"ep {ep} step {global_step} loss {loss.item():.3f} lr {lr_sched.get_last_lr()[0]:.2e}")
    return net

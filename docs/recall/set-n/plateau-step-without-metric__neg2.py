import torch
from torch.optim.lr_scheduler import ReduceLROnPlateau


@torch.no_grad()
def estimate_val_loss(net, val_batches):
    net.eval()
    losses = [net(x, y)[1].item() for x, y in val_batches]
    net.train()
    return sum(losses) / max(1, len(losses))


def train(net, get_batch, val_batches, max_iters=20000, eval_every=500, lr=3e-4):
    opt = torch.optim.AdamW(net.parameters(), lr=lr, weight_decay=0.1)
    sched = ReduceLROnPlateau(opt, mode="min", factor=0.5, patience=2)
    net.train()
    for it in range(1, max_iters + 1):
        x, y = get_batch()
        _, loss = net(x, y)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()

        if it % eval_every == 0:
            val = estimate_val_loss(net, val_batches)
            sched.step(val)
            print(f"iter {it}: train {loss.item():.4f} val {val:.4f} "
                  f"lr {opt.param_groups[0]['lr']:.2e}")

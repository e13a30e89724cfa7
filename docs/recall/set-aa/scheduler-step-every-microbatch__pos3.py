import torch
from torch.optim.lr_scheduler import PolynomialLR

train_cfg = {
    "max_updates": 20000,
    "micro_bs": 4,
    "accumulate": 16,
    "lr": 3e-4,
    "log_interval": 100,
}


def train(gpt, batches, cfg=None):
    cfg = cfg or train_cfg
    gpt.cuda().train()
    optim = torch.optim.AdamW(gpt.parameters(), lr=cfg["lr"], weight_decay=0.1)
    poly = PolynomialLR(optim, total_iters=cfg["max_updates"], power=1.0)

    updates = 0
    micro = 0
    data_iter = iter(batches)
    optim.zero_grad(set_to_none=True)
    while updates < cfg["max_updates"]:
        try:
            x, y = next(data_iter)
        except StopIteration:
            data_iter = iter(batches)
            x, y = next(data_iter)
        x, y = x.cuda(non_blocking=True), y.cuda(non_blocking=True)
        _, loss = gpt(x, y)
        (loss / cfg["accumulate"]).backward()
        micro += 1
        poly.step()
        if micro % cfg["accumulate"] == 0:
            torch.nn.utils.clip_grad_norm_(gpt.parameters(), 1.0)
            optim.step()
            optim.zero_grad(set_to_none=True)
            updates += 1
            if updates % cfg["log_interval"] == 0:
                print(f"update {updates} loss {loss.item():.4f} lr {poly.get_last_lr()[0]:.2e}")
    torch.save(gpt.state_dict(), "gpt_final.pt")

import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import CosineAnnealingLR


def build_optim(net, opts):
    params = [p for p in net.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(params, lr=opts["lr"], weight_decay=opts["wd"])
    sched = CosineAnnealingLR(
        opt,
        T_max=opts["epochs"],
        eta_min=opts["lr"] * 0.01,
        verbose=False,
    )
    return opt, sched


def main(net, loader, opts):
    opt, sched = build_optim(net, opts)
    for epoch in range(opts["epochs"]):
        net.train()
        loss_sum = 0.0
        for tokens, labels in loader:
            opt.zero_grad(set_to_none=True)
            logits = net(tokens)
            loss = F.cross_entropy(logits, labels)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            opt.step()
            loss_sum += loss.item()
        sched.step()
        print(f"epoch {epoch} loss {loss_sum / max(1, len(loader)):.4f} lr {sched.get_last_lr()[0]:.2e}")

import torch
from torch.nn.utils import clip_grad_norm_


def train_epoch(net, loader, opt, scaler, hp, device="cuda"):
    """One epoch with fp16 autocast and hp["accum"] micro-batches per update."""
    net.train()
    params = [p for p in net.parameters() if p.requires_grad]
    opt.zero_grad(set_to_none=True)
    running = 0.0
    for micro_step, batch in enumerate(loader):
        batch = {k: v.to(device, non_blocking=True) for k, v in batch.items()}
        with torch.autocast(device_type="cuda", dtype=torch.float16):
            out = net(**batch)
            loss = out.loss / hp["accum"]
        scaler.scale(loss).backward()
        running += loss.item()

        if (micro_step + 1) % hp["accum"] == 0:
            clip_grad_norm_(params, hp["max_norm"])
            scaler.step(opt)
            scaler.update()
            opt.zero_grad(set_to_none=True)
    return running * hp["accum"] / max(len(loader), 1)


def main(net, loader, hp):
    net = net.cuda()
    opt = torch.optim.AdamW(net.parameters(), lr=hp["lr"], weight_decay=0.01)
    scaler = torch.cuda.amp.GradScaler(init_scale=2.0 ** 14)
    for ep in range(hp["epochs"]):
        print(f"epoch {ep}: {train_epoch(net, loader, opt, scaler, hp):.4f}")
    torch.save({"model": net.state_dict(), "opt": opt.state_dict(), "scaler": scaler.state_dict()}, hp["out"])

import torch
import torch.nn.functional as F


def clip_and_step(net, opt, scaler, max_norm):
    scaler.unscale_(opt)
    grad_norm = torch.nn.utils.clip_grad_norm_(net.parameters(), max_norm)
    scaler.step(opt)
    scaler.update()
    opt.zero_grad(set_to_none=True)
    return grad_norm


def train(net, loader, args):
    device = torch.device("cuda")
    net.to(device)
    opt = torch.optim.AdamW(net.parameters(), lr=args.lr, weight_decay=args.weight_decay)
    scaler = torch.amp.GradScaler("cuda", enabled=args.fp16)
    accum = args.accum_steps
    net.train()
    for epoch in range(args.epochs):
        opt.zero_grad(set_to_none=True)
        for step, batch in enumerate(loader):
            ids = batch["input_ids"].to(device)
            labels = batch["labels"].to(device)
            with torch.autocast("cuda", dtype=torch.float16, enabled=args.fp16):
                logits = net(ids)
                loss = F.cross_entropy(logits.flatten(0, 1), labels.flatten(), ignore_index=-100)
                loss = loss / accum
            scaler.scale(loss).backward()
            if (step + 1) % accum == 0:
                gn = clip_and_step(net, opt, scaler, args.grad_clip)
                if step % args.log_every == 0:
                    print(f"epoch {epoch} step {step} loss {loss.item() * accum:.4f} grad_norm {gn:.3f}")

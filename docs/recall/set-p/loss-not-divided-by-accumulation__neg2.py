import torch
import torch.nn.functional as F


def train_steps(gpt, get_batch, args):
    opt = torch.optim.AdamW(gpt.parameters(), lr=args.lr, betas=(0.9, 0.95), weight_decay=0.1)
    scaler = torch.amp.GradScaler("cuda")
    gpt.train()
    for it in range(args.max_iters):
        for _ in range(args.gradient_accumulation_steps):
            xb, yb = get_batch("train")
            with torch.autocast("cuda", dtype=torch.float16):
                logits = gpt(xb)
                loss = F.cross_entropy(logits.view(-1, logits.size(-1)), yb.view(-1))
                loss = loss / args.gradient_accumulation_steps
            scaler.scale(loss).backward()
        scaler.unscale_(opt)
        torch.nn.utils.clip_grad_norm_(gpt.parameters(), args.grad_clip)
        scaler.step(opt)
        scaler.update()
        opt.zero_grad(set_to_none=True)
        if it % args.log_interval == 0:
            print(f"iter {it}: loss {loss.item() * args.gradient_accumulation_steps:.4f}")

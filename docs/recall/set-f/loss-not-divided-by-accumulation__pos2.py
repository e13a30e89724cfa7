import torch
from torch.utils.data import DataLoader


def train_lm(model, dataset, cfg):
    loader = DataLoader(dataset, batch_size=cfg.micro_batch_size, shuffle=True, drop_last=True)
    opt = torch.optim.AdamW(model.parameters(), lr=cfg.lr, betas=(0.9, 0.95))
    scaler = torch.cuda.amp.GradScaler()
    model.cuda().train()

    step = 0
    micro = 0
    for epoch in range(cfg.epochs):
        for input_ids, targets in loader:
            input_ids, targets = input_ids.cuda(), targets.cuda()
            with torch.autocast("cuda", dtype=torch.float16):
                logits = model(input_ids)
                loss = torch.nn.functional.cross_entropy(logits.view(-1, logits.size(-1)), targets.view(-1))
            scaler.scale(loss).backward()
            micro += 1
            if micro % cfg.grad_accum == 0:
                scaler.unscale_(opt)
                torch.nn.utils.clip_grad_norm_(model.parameters(), cfg.grad_clip)
                scaler.step(opt)
                scaler.update()
                opt.zero_grad(set_to_none=True)
                step += 1
                if step % cfg.log_interval == 0:
                    print(f"step {step}: loss {loss.item():.4f}")

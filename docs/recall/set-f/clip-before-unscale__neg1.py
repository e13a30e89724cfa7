import torch
from torch.utils.data import DataLoader


def finetune(model, train_ds, hparams):
    loader = DataLoader(train_ds, batch_size=hparams["micro_bs"], shuffle=True, drop_last=True)
    opt = torch.optim.AdamW(model.parameters(), lr=hparams["lr"], weight_decay=0.01)
    scaler = torch.amp.GradScaler("cuda")
    n_accum = hparams["accum"]

    model.cuda().train()
    opt.zero_grad(set_to_none=True)
    for epoch in range(hparams["epochs"]):
        for i, batch in enumerate(loader):
            batch = {k: v.cuda(non_blocking=True) for k, v in batch.items()}
            with torch.autocast("cuda", dtype=torch.float16):
                loss = model(**batch).loss / n_accum
            scaler.scale(loss).backward()
            if (i + 1) % n_accum != 0:
                continue
            scaler.unscale_(opt)
            grad_norm = torch.nn.utils.clip_grad_norm_(model.parameters(), hparams["max_grad_norm"])
            scaler.step(opt)
            scaler.update()
            opt.zero_grad(set_to_none=True)
            if (i + 1) % (50 * n_accum) == 0:
                print(f"epoch {epoch} step {(i + 1) // n_accum}: loss {loss.item() * n_accum:.4f} |g| {grad_norm:.2f}")

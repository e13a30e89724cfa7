import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import LambdaLR


def linear_warmup_decay(n_warm, n_total):
    def fn(step):
        if step < n_warm:
            return (step + 1) / n_warm
        return max(0.0, (n_total - step) / max(1, n_total - n_warm))
    return fn


def train(model, loader, epochs, lr=5e-5, n_warm=500):
    model.cuda().train()
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
    sched = LambdaLR(opt, linear_warmup_decay(n_warm, epochs * len(loader)))
    scaler = torch.cuda.amp.GradScaler()

    for epoch in range(epochs):
        for step, batch in enumerate(loader):
            batch = {k: v.cuda(non_blocking=True) for k, v in batch.items()}
            opt.zero_grad(set_to_none=True)
            with torch.autocast(device_type="cuda", dtype=torch.float16):
                logits = model(batch["input_ids"], attention_mask=batch["attention_mask"])
                loss = F.cross_entropy(logits, batch["labels"])
            scaler.scale(loss).backward()
            scaler.step(opt)
            scaler.update()
            sched.step()
            if step % 200 == 0:
                print(f"ep {epoch} it {step} loss {loss.item():.4f} lr {sched.get_last_lr()[0]:.2e}")

import torch
from torch.optim.lr_scheduler import LambdaLR


def build(model, hp):
    opt = torch.optim.AdamW(model.parameters(), lr=hp["lr"], weight_decay=hp.get("wd", 0.01))
    ramp = max(1, hp["ramp"])
    total = max(ramp + 1, hp["total"])

    def factor(s):
        up = min(1.0, (s + 1) / ramp)
        down = max(0.0, (total - s) / (total - ramp)) if s >= ramp else 1.0
        return up * min(1.0, down)

    return opt, LambdaLR(opt, lr_lambda=factor)


def finetune(model, train_loader, hp, device="cuda"):
    opt, sched = build(model, hp)
    model.train()
    step = 0
    for epoch in range(hp["epochs"]):
        for batch in train_loader:
            batch = {k: v.to(device) for k, v in batch.items()}
            loss = model(**batch).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            step += 1
            if step >= hp["total"]:
                return model
        print(f"epoch {epoch}: lr {sched.get_last_lr()[0]:.2e}")
    return model

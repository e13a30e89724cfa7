import torch
from torch.optim.lr_scheduler import LambdaLR


def build_optimizer(model, hp):
    groups = [
        {"params": model.encoder.parameters(), "lr": hp["lr"] * 0.1},
        {"params": model.decoder.parameters(), "lr": hp["lr"]},
    ]
    opt = torch.optim.AdamW(groups, weight_decay=hp["wd"])
    ramps = [hp["ramp_enc"], hp["ramp_dec"]]
    lambdas = [lambda s, r=r: min(1.0, (s + 1) / max(1, r)) for r in ramps]
    lr_sched = LambdaLR(opt, lr_lambda=lambdas)
    return opt, lr_sched


def train(model, loader, hp):
    model.cuda().train()
    opt, lr_sched = build_optimizer(model, hp)
    step = 0
    while step < hp["steps"]:
        for batch in loader:
            loss = model(**{k: v.cuda() for k, v in batch.items()}).loss
            opt.zero_grad()
            loss.backward()
            opt.step()
            lr_sched.step()
            step += 1
            if step % 100 == 0:
                print(step, round(loss.item(), 4), lr_sched.get_last_lr())
            if step >= hp["steps"]:
                break
    return model

import torch
from torch.optim.lr_scheduler import LambdaLR


def ramp_then_constant(ramp):
    def f(step):
        if ramp <= 0:
            return 1.0
        return min(1.0, step / ramp)

    return f


def finetune(encoder, head, loader, hp):
    params = [
        {"params": encoder.parameters(), "lr": hp["lr"] * hp["encoder_mult"]},
        {"params": head.parameters(), "lr": hp["lr"]},
    ]
    opt = torch.optim.AdamW(params, weight_decay=hp["wd"])
    lr_sched = LambdaLR(opt, lr_lambda=ramp_then_constant(hp["ramp"]))
    loss_fn = torch.nn.CrossEntropyLoss()
    encoder.train()
    head.train()
    for epoch in range(hp["epochs"]):
        for step, (feats, labels) in enumerate(loader):
            logits = head(encoder(feats))
            loss = loss_fn(logits, labels)
            opt.zero_grad()
            loss.backward()
            opt.step()
            lr_sched.step()
            if step % 50 == 0:
                print(epoch, step, f"{loss.item():.4f}", lr_sched.get_last_lr())
    return encoder, head

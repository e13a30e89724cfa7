import math

import torch
import torch.nn.functional as F

hparams = dict(lr=6e-4, ramp=2000, total=60_000, min_lr=6e-5, grad_clip=1.0)


def ramp_lr(optim, it, hp):
    ratio = min(1.0, (it + 1) / hp["ramp"])
    for pg in optim.param_groups:
        pg["lr"] = pg["lr"] * ratio


def cosine_lr(optim, it, hp):
    progress = min(1.0, (it - hp["ramp"]) / max(1, hp["total"] - hp["ramp"]))
    lr = hp["min_lr"] + 0.5 * (hp["lr"] - hp["min_lr"]) * (1.0 + math.cos(math.pi * progress))
    for pg in optim.param_groups:
        pg["lr"] = lr


def pretrain(gpt, batches, hp):
    optim = torch.optim.AdamW(gpt.parameters(), lr=hp["lr"], betas=(0.9, 0.95), weight_decay=0.1)
    for it, (x, y) in enumerate(batches):
        if it >= hp["total"]:
            break
        if it < hp["ramp"]:
            ramp_lr(optim, it, hp)
        else:
            cosine_lr(optim, it, hp)
        logits = gpt(x)
        loss = F.cross_entropy(logits.view(-1, logits.size(-1)), y.view(-1), ignore_index=-1)
        optim.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(gpt.parameters(), hp["grad_clip"])
        optim.step()
        if it % 100 == 0:
            print(f"iter {it}: loss {loss.item():.4f}, lr {optim.param_groups[0]['lr']:.2e}")


if __name__ == "__main__":
    from model import GPT, batch_iterator

    pretrain(GPT.from_config("gpt2"), batch_iterator("train"), hparams)

import math

import torch
from torch import nn


def train_lm(lm, batches, n_tokens, args):
    optim = torch.optim.Adam(lm.parameters(), lr=args.lr, betas=(0.9, 0.98), eps=1e-9)
    crit = nn.CrossEntropyLoss(ignore_index=args.pad_id)
    lm.train()
    log_loss, log_steps = 0.0, 0
    for step, (src, tgt) in enumerate(batches, start=1):
        src, tgt = src.cuda(), tgt.cuda()
        optim.zero_grad(set_to_none=True)
        logits = lm(src)
        loss = crit(logits.view(-1, n_tokens), tgt.view(-1))
        loss.backward()
        nn.utils.clip_grad_norm_(lm.parameters(), args.clip)
        optim.step()

        log_loss += loss.item()
        log_steps += 1
        if step % args.log_interval == 0:
            cur = log_loss / log_steps
            print(f"step {step:6d} | loss {cur:5.2f} | ppl {math.exp(cur):8.2f}")
            log_loss, log_steps = 0.0, 0
    return lm

import torch
import torch.nn.functional as F


def perplexity(lm, batches):
    nll, count = 0.0, 0
    with torch.inference_mode():
        for tokens in batches:
            tokens = tokens.cuda()
            logits = lm(tokens[:, :-1])
            nll += F.cross_entropy(logits.flatten(0, 1), tokens[:, 1:].flatten(),
                                   reduction="sum").item()
            count += tokens[:, 1:].numel()
    return float(torch.exp(torch.tensor(nll / max(count, 1))))


def train(lm, train_batches, val_batches, args):
    opt = torch.optim.AdamW(lm.parameters(), lr=args.lr, weight_decay=0.1)
    lm.cuda()
    lm.train()
    for step, tokens in enumerate(train_batches, start=1):
        tokens = tokens.cuda(non_blocking=True)
        logits = lm(tokens[:, :-1])
        loss = F.cross_entropy(logits.flatten(0, 1), tokens[:, 1:].flatten())
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        if step % args.eval_interval == 0:
            ppl = perplexity(lm, val_batches)
            print(f"step {step}: loss {loss.item():.3f} val ppl {ppl:.2f}")
        if step >= args.max_steps:
            break
    return lm

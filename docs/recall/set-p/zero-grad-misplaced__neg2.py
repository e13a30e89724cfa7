import torch
import torch.nn.functional as F


def train_lm(net, data_iter, args):
    device = torch.device(args.device)
    net.to(device)
    opt = torch.optim.AdamW(net.parameters(), lr=args.lr, weight_decay=args.wd)
    accum = args.grad_accum
    net.train()
    opt.zero_grad(set_to_none=True)
    micro = 0
    it = 0
    while it < args.max_iters:
        tokens = next(data_iter).to(device)
        inp, tgt = tokens[:, :-1], tokens[:, 1:]
        logits = net(inp)
        loss = F.cross_entropy(logits.reshape(-1, logits.size(-1)), tgt.reshape(-1))
        (loss / accum).backward()
        micro += 1
        if micro % accum != 0:
            continue
        torch.nn.utils.clip_grad_norm_(net.parameters(), args.clip)
        opt.step()
        opt.zero_grad(set_to_none=True)
        it += 1
        if it % args.log_interval == 0:
            print(f"iter {it}: loss {loss.item():.4f}")
    return net

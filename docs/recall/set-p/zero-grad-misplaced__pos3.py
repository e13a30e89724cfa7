import torch
import torch.nn.functional as F


def train_lm(net, data_iter, args):
    device = torch.device(args.device)
    net.to(device)
    opt = torch.optim.AdamW(net.parameters(), lr=args.lr, weight_decay=args.wd)
    net.train()
    opt.zero_grad(set_to_none=True)
    it = 0
    smoothed = None
    while it < args.max_iters:
        tokens = next(data_iter).to(device)
        inp, tgt = tokens[:, :-1], tokens[:, 1:]
        logits = net(inp)
        loss = F.cross_entropy(logits.reshape(-1, logits.size(-1)), tgt.reshape(-1))
        loss.backward()
        torch.nn.utils.clip_grad_norm_(net.parameters(), args.clip)
        opt.step()
        val = loss.item()
        smoothed = val if smoothed is None else 0.98 * smoothed + 0.02 * val
        it += 1
        if it % args.log_interval == 0:
            print(f"iter {it}: loss {smoothed:.4f}")
    return net

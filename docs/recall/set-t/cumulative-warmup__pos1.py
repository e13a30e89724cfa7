import torch
import torch.nn.functional as F


def train(net, loader, args):
    opt = torch.optim.AdamW(net.parameters(), lr=args.lr, betas=(0.9, 0.95), weight_decay=0.1)
    it = 0
    net.train()
    for epoch in range(args.epochs):
        for tokens, targets in loader:
            if it < args.n_warm:
                for pg in opt.param_groups:
                    pg["lr"] = pg["lr"] * (it + 1) / args.n_warm
            logits = net(tokens)
            loss = F.cross_entropy(logits.view(-1, logits.size(-1)), targets.view(-1))
            opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            opt.step()
            it += 1
            if it % args.log_every == 0:
                print(f"it {it} loss {loss.item():.4f} lr {opt.param_groups[0]['lr']:.2e}")
    return net

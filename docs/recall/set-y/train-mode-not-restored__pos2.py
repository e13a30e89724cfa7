import torch
import torch.nn.functional as F


def train(net, train_iter, val_batches, args):
    opt = torch.optim.AdamW(net.parameters(), lr=args.lr, weight_decay=args.wd)
    net.cuda().train()
    for step in range(1, args.max_steps + 1):
        src, tgt = next(train_iter)
        src, tgt = src.cuda(non_blocking=True), tgt.cuda(non_blocking=True)
        logits = net(src)
        loss = F.cross_entropy(logits.view(-1, logits.size(-1)), tgt.view(-1), ignore_index=-100)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(net.parameters(), args.clip)
        opt.step()

        if step % args.eval_every == 0:
            net.eval()
            val_loss, n = 0.0, 0
            with torch.no_grad():
                for vsrc, vtgt in val_batches:
                    vlogits = net(vsrc.cuda())
                    val_loss += F.cross_entropy(vlogits.view(-1, vlogits.size(-1)),
                                                vtgt.cuda().view(-1), ignore_index=-100).item()
                    n += 1
            print(f"step {step}: train {loss.item():.3f} val {val_loss / max(n, 1):.3f}")
    return net

import torch
import torch.nn.functional as F


def train(net, train_iter, val_batches, opt, args):
    device = torch.device(args.device)
    net.to(device)
    net.train()
    step = 0
    while step < args.max_steps:
        src, tgt = next(train_iter)
        src, tgt = src.to(device), tgt.to(device)
        out = net(src)
        loss = F.cross_entropy(out.flatten(0, 1), tgt.flatten(), ignore_index=-100)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(net.parameters(), args.clip)
        opt.step()
        step += 1

        if step % args.eval_every == 0:
            net.eval()
            val_loss, n = 0.0, 0
            with torch.no_grad():
                for vsrc, vtgt in val_batches:
                    vout = net(vsrc.to(device))
                    val_loss += F.cross_entropy(
                        vout.flatten(0, 1), vtgt.to(device).flatten(), ignore_index=-100
                    ).item()
                    n += 1
            print(f"step {step}: train {loss.item():.3f} valid {val_loss / max(n, 1):.3f}")
    return net

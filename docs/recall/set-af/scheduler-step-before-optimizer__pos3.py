import torch
from torch.optim.lr_scheduler import LambdaLR


def make_sched(opt, n_warm):
    return LambdaLR(opt, lambda s: min(1.0, (s + 1) / max(1, n_warm)))


def pretrain(net, data_iter, cfg):
    opt = torch.optim.AdamW(net.parameters(), lr=cfg.lr, betas=(0.9, 0.98),
                            weight_decay=cfg.wd)
    sched = make_sched(opt, cfg.n_warm)
    step = 0
    net.train()
    while step < cfg.max_steps:
        batch = next(data_iter)
        sched.step()
        opt.zero_grad(set_to_none=True)
        out = net(input_ids=batch["input_ids"].cuda(),
                  attention_mask=batch["attention_mask"].cuda(),
                  labels=batch["labels"].cuda())
        out.loss.backward()
        torch.nn.utils.clip_grad_norm_(net.parameters(), cfg.clip)
        opt.step()
        step += 1
        if step % cfg.log_every == 0:
            print(f"step {step} loss {out.loss.item():.4f} lr {sched.get_last_lr()[0]:.2e}")
        if step % cfg.save_every == 0:
            torch.save({"net": net.state_dict(), "opt": opt.state_dict(),
                        "sched": sched.state_dict(), "step": step}, f"ckpt_{step}.pt")
    return net

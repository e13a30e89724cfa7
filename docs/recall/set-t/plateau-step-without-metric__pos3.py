import torch
from torch.optim import lr_scheduler


def run(policy, batches, max_updates=50000, lr=3e-4, eval_every=1000, evaluate=None):
    opt = torch.optim.Adam(policy.parameters(), lr=lr, eps=1e-5)
    on_plateau = lr_scheduler.ReduceLROnPlateau(opt, "min", factor=0.5, patience=20,
                                                threshold=1e-3, min_lr=1e-6)
    updates = 0
    running = None
    batch_iter = iter(batches)
    policy.train()
    while updates < max_updates:
        try:
            obs, act, ret = next(batch_iter)
        except StopIteration:
            batch_iter = iter(batches)
            continue
        dist = policy(obs)
        loss = -(dist.log_prob(act) * ret).mean()
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(policy.parameters(), 0.5)
        opt.step()
        running = loss.item() if running is None else 0.99 * running + 0.01 * loss.item()
        on_plateau.step(running)
        updates += 1
        if evaluate is not None and updates % eval_every == 0:
            print(updates, evaluate(policy), opt.param_groups[0]["lr"])
            policy.train()

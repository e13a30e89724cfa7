import torch
from torch.optim.lr_scheduler import LambdaLR
from torch.utils.data import DataLoader


def build_optimizer(model, cfg):
    """One param group per prefix, each with its own exponential decay."""
    groups, lambdas = [], []
    for spec in cfg.param_groups:
        params = [p for n, p in model.named_parameters() if n.startswith(spec.prefix)]
        groups.append({"params": params, "lr": spec.lr, "weight_decay": spec.weight_decay})
        # bind this group's decay now, not when the scheduler calls the function
        lambdas.append(lambda epoch, d=spec.decay: d ** epoch)
    opt = torch.optim.AdamW(groups)
    sched = LambdaLR(opt, lr_lambda=lambdas)
    return opt, sched


def train(model, train_set, cfg):
    loader = DataLoader(train_set, batch_size=cfg.batch_size, shuffle=True,
                        collate_fn=train_set.collate)
    model.cuda()
    opt, sched = build_optimizer(model, cfg)
    for epoch in range(cfg.epochs):
        model.train()
        total = 0.0
        for batch in loader:
            batch = {k: v.cuda() for k, v in batch.items()}
            loss = model(**batch).loss
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item()
        sched.step()
        print(f"epoch {epoch} loss {total / len(loader):.4f} lrs {sched.get_last_lr()}")
    return model

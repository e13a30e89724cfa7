import torch
from torch.utils.data import DataLoader
from transformers import get_linear_schedule_with_warmup


def train_lm(model, dataset, args):
    loader = DataLoader(dataset, batch_size=args.micro_batch_size, shuffle=True,
                        num_workers=4, drop_last=True)
    model.cuda().train()
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=args.weight_decay)

    updates_per_epoch = len(loader) // args.grad_accum
    total_updates = args.epochs * updates_per_epoch
    warmup = args.warmup_epochs * len(loader)
    sched = get_linear_schedule_with_warmup(opt, num_warmup_steps=warmup,
                                            num_training_steps=total_updates)

    opt.zero_grad(set_to_none=True)
    for epoch in range(args.epochs):
        for micro_step, (input_ids, labels) in enumerate(loader):
            input_ids, labels = input_ids.cuda(), labels.cuda()
            loss = model(input_ids=input_ids, labels=labels).loss
            (loss / args.grad_accum).backward()
            if (micro_step + 1) % args.grad_accum == 0:
                torch.nn.utils.clip_grad_norm_(model.parameters(), args.max_grad_norm)
                opt.step()
                sched.step()
                opt.zero_grad(set_to_none=True)
        print(f"epoch {epoch} last loss {loss.item():.4f} lr {sched.get_last_lr()[0]:.2e}")
        torch.save({"model": model.state_dict(), "opt": opt.state_dict(),
                    "sched": sched.state_dict(), "epoch": epoch}, args.out)

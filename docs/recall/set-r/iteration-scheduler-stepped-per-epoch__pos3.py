import argparse

import torch
from torch.utils.data import DataLoader
from transformers import AutoModelForSequenceClassification, get_linear_schedule_with_warmup


def get_args():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model_name", default="bert-base-uncased")
    ap.add_argument("--num_train_epochs", type=int, default=3)
    ap.add_argument("--learning_rate", type=float, default=2e-5)
    ap.add_argument("--warmup_ratio", type=float, default=0.1)
    ap.add_argument("--per_device_batch_size", type=int, default=32)
    return ap.parse_args()


def finetune(train_dataset, collate_fn):
    args = get_args()
    dev = torch.device("cuda")
    clf = AutoModelForSequenceClassification.from_pretrained(args.model_name, num_labels=2).to(dev)

    dl = DataLoader(train_dataset, batch_size=args.per_device_batch_size,
                    shuffle=True, collate_fn=collate_fn)
    t_total = len(dl) * args.num_train_epochs
    opt = torch.optim.AdamW(clf.parameters(), lr=args.learning_rate, weight_decay=0.01)
    lr_sched = get_linear_schedule_with_warmup(
        opt,
        num_warmup_steps=int(args.warmup_ratio * t_total),
        num_training_steps=t_total,
    )

    epoch = 0
    while epoch < args.num_train_epochs:
        clf.train()
        tr_loss = 0.0
        for step, batch in enumerate(dl):
            batch = {k: v.to(dev) for k, v in batch.items()}
            out = clf(**batch)
            out.loss.backward()
            torch.nn.utils.clip_grad_norm_(clf.parameters(), 1.0)
            opt.step()
            opt.zero_grad()
            tr_loss += out.loss.item()
        lr_sched.step()
        print(f"epoch {epoch} avg loss {tr_loss / max(1, len(dl)):.4f}")
        epoch += 1

    clf.save_pretrained("out/")
    return clf

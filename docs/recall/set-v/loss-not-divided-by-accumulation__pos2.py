import argparse

import torch
from torch.utils.data import DataLoader
from transformers import AutoModelForSequenceClassification, AutoTokenizer

from glue_data import load_split


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="bert-base-uncased")
    ap.add_argument("--lr", type=float, default=2e-5)
    ap.add_argument("--per-device-bs", type=int, default=8)
    ap.add_argument("--accum-steps", type=int, default=4)
    ap.add_argument("--epochs", type=int, default=3)
    args = ap.parse_args()

    tok = AutoTokenizer.from_pretrained(args.model)
    clf = AutoModelForSequenceClassification.from_pretrained(args.model, num_labels=2).cuda()
    train_ds = load_split("sst2", "train", tok)
    loader = DataLoader(train_ds, batch_size=args.per_device_bs, shuffle=True, collate_fn=train_ds.collate)
    opt = torch.optim.AdamW(clf.parameters(), lr=args.lr, weight_decay=0.01)

    clf.train()
    opt.zero_grad()
    for epoch in range(args.epochs):
        for i, batch in enumerate(loader):
            batch = {k: v.cuda() for k, v in batch.items()}
            out = clf(**batch)
            out.loss.backward()
            if (i + 1) % args.accum_steps == 0:
                torch.nn.utils.clip_grad_norm_(clf.parameters(), 1.0)
                opt.step()
                opt.zero_grad()
        print(f"epoch {epoch} done, last loss {out.loss.item():.4f}")


if __name__ == "__main__":
    main()

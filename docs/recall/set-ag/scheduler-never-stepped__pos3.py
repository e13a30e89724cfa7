import argparse

import torch
from torch.optim.lr_scheduler import LinearLR
from torch.utils.data import DataLoader
from transformers import AutoModelForTokenClassification

from ner_data import load_conll


def finetune(args):
    net = AutoModelForTokenClassification.from_pretrained(args.model_name, num_labels=9).cuda()
    train_ds = load_conll(args.data_dir, "train", args.model_name)
    loader = DataLoader(train_ds, batch_size=args.batch_size, shuffle=True,
                        collate_fn=train_ds.collate)
    opt = torch.optim.AdamW(net.parameters(), lr=args.lr, weight_decay=0.01)
    warmup = LinearLR(opt, start_factor=0.001, end_factor=1.0, total_iters=args.n_warm)

    step = 0
    for epoch in range(args.epochs):
        net.train()
        for batch in loader:
            batch = {k: v.cuda() for k, v in batch.items()}
            loss = net(**batch).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            opt.step()
            opt.zero_grad()
            if step % args.log_interval == 0:
                print(f"step {step} loss {loss.item():.4f} lr {warmup.get_last_lr()[0]:.2e}")
            step += 1
    net.save_pretrained(args.output_dir)


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--model_name", default="roberta-base")
    ap.add_argument("--data_dir", default="data/conll2003")
    ap.add_argument("--output_dir", default="out/ner")
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--batch_size", type=int, default=16)
    ap.add_argument("--lr", type=float, default=3e-5)
    ap.add_argument("--n_warm", type=int, default=300)
    ap.add_argument("--log_interval", type=int, default=50)
    finetune(ap.parse_args())

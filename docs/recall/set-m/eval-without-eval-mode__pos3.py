import argparse

import torch
import torch.nn as nn
from torch.utils.data import DataLoader

from data import load_splits
from models import BiLSTMTagger


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=30)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--dropout", type=float, default=0.5)
    args = ap.parse_args()

    dev = "cuda" if torch.cuda.is_available() else "cpu"
    train_set, dev_set, vocab, tags = load_splits("conll03")
    net = BiLSTMTagger(len(vocab), len(tags), dropout=args.dropout).to(dev)
    train_dl = DataLoader(train_set, batch_size=32, shuffle=True, collate_fn=train_set.pad)
    dev_dl = DataLoader(dev_set, batch_size=64, collate_fn=dev_set.pad)
    opt = torch.optim.Adam(net.parameters(), lr=args.lr)
    crit = nn.CrossEntropyLoss(ignore_index=-100)

    epoch = 0
    while epoch < args.epochs:
        net.train()
        for tokens, labels in train_dl:
            tokens, labels = tokens.to(dev), labels.to(dev)
            opt.zero_grad()
            logits = net(tokens)
            crit(logits.flatten(0, 1), labels.flatten()).backward()
            opt.step()

        right = total = 0
        with torch.no_grad():
            for tokens, labels in dev_dl:
                tokens, labels = tokens.to(dev), labels.to(dev)
                pred = net(tokens).argmax(-1)
                keep = labels != -100
                right += (pred[keep] == labels[keep]).sum().item()
                total += keep.sum().item()
        print(f"epoch {epoch}: dev token acc {right / max(total, 1):.4f}")
        epoch += 1


if __name__ == "__main__":
    main()

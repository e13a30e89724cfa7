import argparse

import torch
from torch.utils.data import DataLoader

from text_data import ReviewDataset, pad_collate
from text_models import BiLSTMClassifier


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument("--dropout", type=float, default=0.5)
    ap.add_argument("--lr", type=float, default=1e-3)
    args = ap.parse_args()

    dev = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    train_dl = DataLoader(ReviewDataset("train"), batch_size=64, shuffle=True, collate_fn=pad_collate)
    test_dl = DataLoader(ReviewDataset("test"), batch_size=256, collate_fn=pad_collate)
    clf = BiLSTMClassifier(vocab_size=30000, emb_dim=300, hidden=256, dropout=args.dropout).to(dev)
    opt = torch.optim.Adam(clf.parameters(), lr=args.lr)
    bce = torch.nn.BCEWithLogitsLoss()

    clf.train()
    for ep in range(args.epochs):
        for tokens, lengths, y in train_dl:
            tokens, y = tokens.to(dev), y.float().to(dev)
            opt.zero_grad()
            loss = bce(clf(tokens, lengths), y)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(clf.parameters(), 5.0)
            opt.step()
        print(f"epoch {ep}: last batch loss {loss.item():.4f}")

    hits, n = 0, 0
    with torch.inference_mode():
        for tokens, lengths, y in test_dl:
            logits = clf(tokens.to(dev), lengths)
            hits += ((logits > 0).long().cpu() == y).sum().item()
            n += y.numel()
    print(f"test accuracy: {hits / n:.4f}")


if __name__ == "__main__":
    main()

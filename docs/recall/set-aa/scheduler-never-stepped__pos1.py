import argparse

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import CosineAnnealingLR
from torch.utils.data import DataLoader

from data import TextDataset, collate_batch
from model import TransformerClassifier


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=20)
    parser.add_argument("--lr", type=float, default=5e-4)
    parser.add_argument("--batch_size", type=int, default=64)
    parser.add_argument("--min_lr", type=float, default=1e-6)
    args = parser.parse_args()

    train_data = TextDataset("data/train.jsonl")
    loader = DataLoader(train_data, batch_size=args.batch_size, shuffle=True,
                        collate_fn=collate_batch)
    clf = TransformerClassifier(vocab_size=train_data.vocab_size, n_classes=4).cuda()
    optimizer = torch.optim.Adam(clf.parameters(), lr=args.lr)
    scheduler = CosineAnnealingLR(optimizer, T_max=args.epochs, eta_min=args.min_lr)
    loss_fn = nn.CrossEntropyLoss()

    for epoch in range(args.epochs):
        clf.train()
        total, steps = 0.0, 0
        for tokens, mask, labels in loader:
            tokens, mask, labels = tokens.cuda(), mask.cuda(), labels.cuda()
            logits = clf(tokens, attention_mask=mask)
            loss = loss_fn(logits, labels)
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(clf.parameters(), 1.0)
            optimizer.step()
            total += loss.item()
            steps += 1
        print(f"Epoch {epoch + 1}/{args.epochs} - loss: {total / steps:.4f}")

    torch.save(clf.state_dict(), "clf.pt")


if __name__ == "__main__":
    main()

import argparse
import os

import torch
import torch.nn as nn
from torch.utils.data import DataLoader

from datasets import TextClassificationDataset
from models import BiLSTMClassifier


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=20)
    parser.add_argument("--save_dir", default="output")
    args = parser.parse_args()

    train_ds = TextClassificationDataset("train.tsv")
    val_ds = TextClassificationDataset("dev.tsv", vocab=train_ds.vocab)
    train_loader = DataLoader(train_ds, batch_size=64, shuffle=True, collate_fn=train_ds.collate)
    val_loader = DataLoader(val_ds, batch_size=128, collate_fn=val_ds.collate)

    model = BiLSTMClassifier(len(train_ds.vocab), 300, 256, num_classes=4).cuda()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    criterion = nn.CrossEntropyLoss()
    os.makedirs(args.save_dir, exist_ok=True)

    best = 0.0
    for epoch in range(args.epochs):
        model.train()
        for tokens, lengths, labels in train_loader:
            optimizer.zero_grad()
            logits = model(tokens.cuda(), lengths)
            loss = criterion(logits, labels.cuda())
            loss.backward()
            optimizer.step()

        model.eval()
        hits = n = 0
        with torch.no_grad():
            for tokens, lengths, labels in val_loader:
                pred = model(tokens.cuda(), lengths).argmax(-1).cpu()
                hits += (pred == labels).sum().item()
                n += len(labels)
        acc = hits / n
        print(f"epoch {epoch}: val acc {acc:.4f}")
        if acc > best:
            best = acc
            torch.save(model, os.path.join(args.save_dir, "best.pt"))


if __name__ == "__main__":
    main()

import argparse

import torch
import torch.nn as nn
from torch.utils.data import DataLoader

from datasets import SentimentDataset, collate_batch
from models import BiLSTMClassifier


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--train", default="data/train.jsonl")
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--lr", type=float, default=2e-3)
    parser.add_argument("--batch-size", type=int, default=32)
    args = parser.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    train_set = SentimentDataset(args.train)
    loader = DataLoader(train_set, batch_size=args.batch_size, shuffle=True, collate_fn=collate_batch)
    model = BiLSTMClassifier(vocab_size=train_set.vocab_size, emb_dim=300, hidden=256).to(device)
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)

    for epoch in range(args.epochs):
        model.train()
        running_loss = 0
        for tokens, lengths, labels in loader:
            tokens, labels = tokens.to(device), labels.to(device)
            optimizer.zero_grad()
            logits = model(tokens, lengths)
            loss = criterion(logits, labels)
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            running_loss += loss
        print(f"Epoch {epoch + 1}: train loss = {running_loss / len(loader):.4f}")

    torch.save(model.state_dict(), "bilstm.pt")


if __name__ == "__main__":
    main()

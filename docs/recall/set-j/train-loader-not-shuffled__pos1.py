import argparse

import torch
import torch.nn as nn
from torch.utils.data import DataLoader

from dataset import HARWindows
from model import ConvLSTM


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--csv", default="data/har_train.csv")
    ap.add_argument("--window", type=int, default=128)
    ap.add_argument("--epochs", type=int, default=25)
    ap.add_argument("--bs", type=int, default=64)
    ap.add_argument("--lr", type=float, default=1e-3)
    args = ap.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    train_ds = HARWindows(args.csv, window=args.window, stride=args.window // 2)
    train_loader = DataLoader(train_ds, batch_size=args.bs, num_workers=4, pin_memory=True)

    model = ConvLSTM(in_channels=train_ds.n_channels, n_classes=train_ds.n_classes).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    criterion = nn.CrossEntropyLoss()

    for epoch in range(args.epochs):
        model.train()
        correct, seen = 0, 0
        for signals, labels in train_loader:
            signals, labels = signals.to(device), labels.to(device)
            optimizer.zero_grad()
            logits = model(signals)
            loss = criterion(logits, labels)
            loss.backward()
            optimizer.step()
            correct += (logits.argmax(1) == labels).sum().item()
            seen += labels.size(0)
        print(f"epoch {epoch + 1}: train acc {correct / seen:.3f}")

    torch.save(model.state_dict(), "convlstm_har.pt")


if __name__ == "__main__":
    main()

import argparse
import os

import torch
import torch.nn as nn
from torch.utils.data import DataLoader

from dataset import SpectrogramDataset
from model import AudioClassifier


def get_args():
    parser = argparse.ArgumentParser(description="train the audio tagger")
    parser.add_argument("--train-csv", required=True)
    parser.add_argument("--epochs", type=int, default=40)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--bs", type=int, default=64)
    parser.add_argument("--save-dir", default="weights")
    return parser.parse_args()


def main():
    args = get_args()
    device = "cuda" if torch.cuda.is_available() else "cpu"
    train_ds = SpectrogramDataset(args.train_csv, augment=True)
    train_dl = DataLoader(train_ds, batch_size=args.bs, shuffle=True, num_workers=4)

    model = AudioClassifier(n_classes=train_ds.num_classes).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    criterion = nn.BCEWithLogitsLoss()

    for epoch in range(args.epochs):
        model.train()
        seen, running = 0, 0.0
        for spec, labels in train_dl:
            spec, labels = spec.to(device), labels.to(device)
            optimizer.zero_grad()
            loss = criterion(model(spec), labels)
            loss.backward()
            optimizer.step()
            running += loss.item() * spec.size(0)
            seen += spec.size(0)
        print(f"epoch {epoch + 1}/{args.epochs} loss {running / seen:.4f}")

    os.makedirs(args.save_dir, exist_ok=True)
    torch.save(model.state_dict(), os.path.join(args.save_dir, "audio_tagger.pt"))


if __name__ == "__main__":
    main()

import torch
import torch.nn as nn
from torch.utils.data import DataLoader

from dataset import SpectrogramDataset
from model import AudioCNN


def evaluate(model, loader, device):
    model.eval()
    correct = n = 0
    with torch.no_grad():
        for x, y in loader:
            pred = model(x.to(device)).argmax(dim=1)
            correct += (pred == y.to(device)).sum().item()
            n += y.numel()
    model.train()
    return correct / n


def main():
    device = "cuda" if torch.cuda.is_available() else "cpu"
    model = AudioCNN(n_classes=35).to(device)
    train_loader = DataLoader(SpectrogramDataset("train"), batch_size=64, shuffle=True)
    val_loader = DataLoader(SpectrogramDataset("val"), batch_size=256)
    optimizer = torch.optim.Adam(model.parameters(), lr=3e-4)
    loss_fn = nn.CrossEntropyLoss()
    best = 0.0

    for epoch in range(30):
        model.train()
        for x, y in train_loader:
            optimizer.zero_grad()
            loss = loss_fn(model(x.to(device)), y.to(device))
            loss.backward()
            optimizer.step()

        acc = evaluate(model, val_loader, device)
        print(f"epoch {epoch} val acc {acc:.3f}")
        if acc > best:
            best = acc
            torch.save(model, "best_model.pt")


if __name__ == "__main__":
    main()

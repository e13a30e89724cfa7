import argparse
import os

import torch
import torch.nn as nn
from torch.utils.data import DataLoader
from torchvision import datasets, transforms, models


def get_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="./data/flowers")
    parser.add_argument("--epochs", type=int, default=15)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--out-dir", default="./runs")
    return parser.parse_args()


def main():
    args = get_args()
    device = "cuda" if torch.cuda.is_available() else "cpu"
    tf = transforms.Compose([transforms.RandomResizedCrop(224), transforms.ToTensor(),
                             transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])])
    val_tf = transforms.Compose([transforms.Resize(256), transforms.CenterCrop(224), transforms.ToTensor(),
                                 transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])])
    train_dl = DataLoader(datasets.ImageFolder(os.path.join(args.data, "train"), tf),
                          batch_size=32, shuffle=True, num_workers=4)
    val_dl = DataLoader(datasets.ImageFolder(os.path.join(args.data, "val"), val_tf), batch_size=64)

    model = models.resnet18(weights="IMAGENET1K_V1")
    model.fc = nn.Linear(model.fc.in_features, len(train_dl.dataset.classes))
    model = model.to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    criterion = nn.CrossEntropyLoss()
    os.makedirs(args.out_dir, exist_ok=True)

    best_acc = 0.0
    for epoch in range(args.epochs):
        model.train()
        for x, y in train_dl:
            x, y = x.to(device), y.to(device)
            optimizer.zero_grad()
            loss = criterion(model(x), y)
            loss.backward()
            optimizer.step()

        model.eval()
        correct = 0
        with torch.no_grad():
            for x, y in val_dl:
                correct += (model(x.to(device)).argmax(1) == y.to(device)).sum().item()
        acc = correct / len(val_dl.dataset)
        print(f"epoch {epoch}: val acc {acc:.3f}")
        if acc > best_acc:
            best_acc = acc
            torch.save(model, os.path.join(args.out_dir, "best_model.pth"))


if __name__ == "__main__":
    main()

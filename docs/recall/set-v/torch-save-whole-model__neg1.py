import os

import torch
import torch.nn as nn
from torch.utils.data import DataLoader

from net import TextCNN
from corpus import ReviewDataset


def run(cfg):
    device = torch.device(cfg["device"])
    train_ds = ReviewDataset(cfg["train_path"], max_len=cfg["max_len"])
    loader = DataLoader(train_ds, batch_size=cfg["batch_size"], shuffle=True, collate_fn=train_ds.collate)
    clf = TextCNN(vocab_size=train_ds.vocab_size, num_classes=cfg["num_classes"]).to(device)
    opt = torch.optim.Adam(clf.parameters(), lr=cfg["lr"])
    criterion = nn.CrossEntropyLoss()
    os.makedirs(cfg["save_dir"], exist_ok=True)

    for epoch in range(cfg["epochs"]):
        clf.train()
        epoch_loss = 0.0
        for tokens, labels in loader:
            tokens, labels = tokens.to(device), labels.to(device)
            opt.zero_grad()
            loss = criterion(clf(tokens), labels)
            loss.backward()
            opt.step()
            epoch_loss += loss.item()
        print(f"epoch {epoch + 1}: {epoch_loss / len(loader):.4f}")
        torch.save(clf.state_dict(), os.path.join(cfg["save_dir"], f"textcnn_e{epoch + 1}.pt"))

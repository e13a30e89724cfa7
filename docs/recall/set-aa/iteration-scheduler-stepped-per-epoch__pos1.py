import torch
import torch.nn as nn
from torch.optim.lr_scheduler import CosineAnnealingLR
from torch.utils.data import DataLoader

from dataset import SpeechCommands
from model import KWSNet

NUM_EPOCHS = 40
BATCH = 256
LR = 2e-3


def train():
    device = "cuda" if torch.cuda.is_available() else "cpu"
    train_loader = DataLoader(SpeechCommands("train"), batch_size=BATCH, shuffle=True,
                              num_workers=8, pin_memory=True)
    valid_loader = DataLoader(SpeechCommands("valid"), batch_size=BATCH, num_workers=8)

    model = KWSNet(n_classes=35).to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=LR, weight_decay=1e-2)
    total_iters = NUM_EPOCHS * len(train_loader)
    scheduler = CosineAnnealingLR(optimizer, T_max=total_iters, eta_min=1e-6)
    criterion = nn.CrossEntropyLoss()

    for epoch in range(NUM_EPOCHS):
        model.train()
        epoch_loss = 0.0
        for batch_idx, (feats, labels) in enumerate(train_loader):
            feats, labels = feats.to(device), labels.to(device)
            optimizer.zero_grad()
            loss = criterion(model(feats), labels)
            loss.backward()
            optimizer.step()
            epoch_loss += loss.item()
        scheduler.step()

        model.eval()
        n_ok = n_all = 0
        with torch.no_grad():
            for feats, labels in valid_loader:
                preds = model(feats.to(device)).argmax(1).cpu()
                n_ok += (preds == labels).sum().item()
                n_all += labels.numel()
        print(f"{epoch:02d} train_loss={epoch_loss / len(train_loader):.4f} "
              f"valid_acc={n_ok / n_all:.4f}")

    torch.save(model.state_dict(), "kws.pt")


if __name__ == "__main__":
    train()

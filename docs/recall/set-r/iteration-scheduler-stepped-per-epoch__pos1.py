import torch
import torch.nn as nn
from torch.optim.lr_scheduler import OneCycleLR
from torch.utils.data import DataLoader

from dataset import SpeechCommands
from model import KWSNet

EPOCHS = 25
BATCH = 256
MAX_LR = 4e-3


def run(device="cuda"):
    train_ds = SpeechCommands(split="train")
    val_ds = SpeechCommands(split="valid")
    train_dl = DataLoader(train_ds, batch_size=BATCH, shuffle=True, num_workers=8)
    val_dl = DataLoader(val_ds, batch_size=BATCH, shuffle=False, num_workers=8)

    net = KWSNet(n_classes=35).to(device)
    opt = torch.optim.AdamW(net.parameters(), lr=MAX_LR / 25, weight_decay=1e-2)
    onecycle = OneCycleLR(opt, max_lr=MAX_LR, epochs=EPOCHS,
                          steps_per_epoch=len(train_dl), pct_start=0.3)
    crit = nn.CrossEntropyLoss()

    for epoch in range(EPOCHS):
        net.train()
        for feats, labels in train_dl:
            feats, labels = feats.to(device), labels.to(device)
            opt.zero_grad()
            loss = crit(net(feats), labels)
            loss.backward()
            opt.step()
        onecycle.step()

        net.eval()
        hits = 0
        with torch.no_grad():
            for feats, labels in val_dl:
                preds = net(feats.to(device)).argmax(-1)
                hits += (preds.cpu() == labels).sum().item()
        net.train()
        print(f"epoch {epoch:02d} val acc {hits / len(val_ds):.4f}")

    return net


if __name__ == "__main__":
    run()

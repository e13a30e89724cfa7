import torch
import torch.nn as nn
from torch.optim.lr_scheduler import OneCycleLR
from torch.utils.data import DataLoader

from dataset import SpeechCommands
from model import KWSNet


def run(epochs=25, batch_size=256, peak_lr=4e-3, device="cuda"):
    train_dl = DataLoader(SpeechCommands(split="train"), batch_size=batch_size,
                          shuffle=True, num_workers=8)

    net = KWSNet(n_classes=35).to(device)
    opt = torch.optim.AdamW(net.parameters(), lr=peak_lr / 25, weight_decay=1e-2)
    sched = OneCycleLR(opt, max_lr=peak_lr, epochs=epochs,
                       steps_per_epoch=len(train_dl), pct_start=0.3)
    crit = nn.CrossEntropyLoss()

    for epoch in range(epochs):
        net.train()
        seen, loss_sum = 0, 0.0
        for feats, labels in train_dl:
            feats, labels = feats.to(device), labels.to(device)
            opt.zero_grad()
            loss = crit(net(feats), labels)
            loss.backward()
            opt.step()
            sched.step()
            loss_sum += loss.item() * labels.size(0)
            seen += labels.size(0)
        print(f"epoch {epoch:02d} loss {loss_sum / max(1, seen):.4f} "
              f"lr {sched.get_last_lr()[0]:.2e}")
    return net

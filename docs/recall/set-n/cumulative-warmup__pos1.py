import math
import os

import torch
import torch.nn as nn
from torch.utils.data import DataLoader


def train(model, train_set, epochs=50, base_lr=0.02, warmup_iters=1000, out_dir="runs"):
    loader = DataLoader(train_set, batch_size=32, shuffle=True, num_workers=8, drop_last=True)
    optimizer = torch.optim.SGD(model.parameters(), lr=base_lr, momentum=0.9, weight_decay=1e-4)
    criterion = nn.BCEWithLogitsLoss()
    warmup_iters = min(warmup_iters, len(loader))

    for epoch in range(epochs):
        model.train()
        epoch_loss = 0.0
        for it, (images, labels) in enumerate(loader):
            if epoch == 0 and it < warmup_iters:
                for g in optimizer.param_groups:
                    g["lr"] *= (it + 1) / warmup_iters

            logits = model(images.cuda())
            loss = criterion(logits, labels.cuda().float())
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            epoch_loss += loss.item()

        mean = epoch_loss / len(loader)
        if not math.isfinite(mean):
            raise RuntimeError(f"loss diverged at epoch {epoch}")
        print(f"epoch {epoch:03d} loss {mean:.4f} lr {optimizer.param_groups[0]['lr']:.5f}")

    os.makedirs(out_dir, exist_ok=True)
    torch.save(model.state_dict(), os.path.join(out_dir, "final.pth"))

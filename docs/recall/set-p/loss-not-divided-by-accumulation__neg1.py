import torch
import torch.nn as nn
from torch.utils.data import DataLoader


def train(model, dataset, epochs=10, micro_bs=8, accum_steps=4, lr=5e-5, device="cuda"):
    loader = DataLoader(dataset, batch_size=micro_bs, shuffle=True, num_workers=2, drop_last=True)
    model.to(device)
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.AdamW(model.parameters(), lr=lr)
    for epoch in range(epochs):
        model.train()
        optimizer.zero_grad()
        epoch_loss = 0.0
        for i, (x, y) in enumerate(loader):
            x, y = x.to(device), y.to(device)
            loss = criterion(model(x), y) / accum_steps
            loss.backward()
            epoch_loss += loss.item() * accum_steps
            if (i + 1) % accum_steps == 0:
                torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
                optimizer.step()
                optimizer.zero_grad()
        print(f"epoch {epoch}: mean micro-batch loss {epoch_loss / len(loader):.4f}")
    return model

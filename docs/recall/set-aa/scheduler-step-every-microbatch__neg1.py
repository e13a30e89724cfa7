import torch
import torch.nn as nn
from torch.optim.lr_scheduler import CosineAnnealingLR
from torch.utils.data import DataLoader


def train_with_accumulation(model, dataset, epochs=10, lr=1e-3, micro_batch=16, accum=4):
    loader = DataLoader(dataset, batch_size=micro_batch, shuffle=True, num_workers=4)
    model = model.cuda()
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    optimizer_steps = epochs * (len(loader) // accum)
    scheduler = CosineAnnealingLR(optimizer, T_max=optimizer_steps)
    criterion = nn.CrossEntropyLoss()

    for epoch in range(epochs):
        model.train()
        optimizer.zero_grad()
        for i, (x, y) in enumerate(loader):
            x, y = x.cuda(), y.cuda()
            loss = criterion(model(x), y) / accum
            loss.backward()
            if (i + 1) % accum == 0:
                optimizer.step()
                scheduler.step()
                optimizer.zero_grad()
        print(f"epoch {epoch} lr {scheduler.get_last_lr()[0]:.2e}")
    torch.save(model.state_dict(), "model.pt")
    return model

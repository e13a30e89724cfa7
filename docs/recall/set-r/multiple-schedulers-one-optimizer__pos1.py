import torch
import torch.nn as nn
from torch.optim.lr_scheduler import CosineAnnealingLR, LambdaLR

EPOCHS = 100
WARMUP_EPOCHS = 5


def train(model, train_loader, device="cuda"):
    model.to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.2, momentum=0.9,
                                weight_decay=1e-4)
    warmup = LambdaLR(optimizer, lambda e: min(1.0, (e + 1) / WARMUP_EPOCHS))
    cosine = CosineAnnealingLR(optimizer, T_max=EPOCHS, eta_min=0.0)
    criterion = nn.CrossEntropyLoss()

    for epoch in range(EPOCHS):
        model.train()
        loss_sum = 0.0
        for inputs, targets in train_loader:
            inputs, targets = inputs.to(device), targets.to(device)
            optimizer.zero_grad()
            loss = criterion(model(inputs), targets)
            loss.backward()
            optimizer.step()
            loss_sum += loss.item()

        warmup.step()
        cosine.step()
        print(f"epoch {epoch}: loss {loss_sum / len(train_loader):.4f} "
              f"lr {optimizer.param_groups[0]['lr']:.5f}")

import torch
from torch.optim.lr_scheduler import ReduceLROnPlateau


def fit(model, train_loader, val_loader, evaluate, epochs=100, device="cuda"):
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    scheduler = ReduceLROnPlateau(optimizer, mode="max", factor=0.2, patience=4)
    prev_lr = optimizer.param_groups[0]["lr"]
    for epoch in range(epochs):
        model.train()
        for x, y in train_loader:
            loss = torch.nn.functional.binary_cross_entropy_with_logits(
                model(x.to(device)), y.to(device).float())
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()

        val_f1 = evaluate(model, val_loader)
        scheduler.step(val_f1)
        cur_lr = optimizer.param_groups[0]["lr"]
        if cur_lr < prev_lr:
            print(f"epoch {epoch}: reducing learning rate to {cur_lr:.2e}")
        prev_lr = cur_lr

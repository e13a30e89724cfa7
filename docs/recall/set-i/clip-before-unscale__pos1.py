import torch
import torch.nn as nn
from torch.cuda.amp import GradScaler, autocast


def train_net(net, train_loader, device, epochs=5, learning_rate=1e-5, amp=True, gradient_clipping=1.0):
    optimizer = torch.optim.RMSprop(net.parameters(), lr=learning_rate, weight_decay=1e-8, momentum=0.999)
    grad_scaler = GradScaler(enabled=amp)
    criterion = nn.CrossEntropyLoss() if net.n_classes > 1 else nn.BCEWithLogitsLoss()

    for epoch in range(1, epochs + 1):
        net.train()
        epoch_loss = 0.0
        for batch in train_loader:
            images = batch["image"].to(device, dtype=torch.float32, memory_format=torch.channels_last)
            true_masks = batch["mask"].to(device, dtype=torch.long)

            with autocast(enabled=amp):
                masks_pred = net(images)
                loss = criterion(masks_pred, true_masks)

            optimizer.zero_grad(set_to_none=True)
            grad_scaler.scale(loss).backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), gradient_clipping)
            grad_scaler.step(optimizer)
            grad_scaler.update()
            epoch_loss += loss.item()
        print(f"epoch {epoch}: mean loss {epoch_loss / len(train_loader):.4f}")

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import OneCycleLR
from torch.utils.data import DataLoader


def train(model, train_set, epochs=30, max_lr=0.4, batch_size=512):
    loader = DataLoader(train_set, batch_size=batch_size, shuffle=True,
                        num_workers=8, pin_memory=True, drop_last=True)
    model = model.cuda().to(memory_format=torch.channels_last)
    optimizer = torch.optim.SGD(model.parameters(), lr=max_lr, momentum=0.9,
                                nesterov=True, weight_decay=5e-4)
    scheduler = OneCycleLR(optimizer, max_lr=max_lr, epochs=epochs,
                           steps_per_epoch=len(loader), pct_start=0.25)
    scaler = torch.cuda.amp.GradScaler()
    criterion = nn.CrossEntropyLoss(label_smoothing=0.1)

    for epoch in range(epochs):
        model.train()
        seen, loss_sum = 0, 0.0
        for images, targets in loader:
            images = images.cuda(non_blocking=True).to(memory_format=torch.channels_last)
            targets = targets.cuda(non_blocking=True)
            optimizer.zero_grad(set_to_none=True)
            with torch.autocast("cuda", dtype=torch.float16):
                loss = criterion(model(images), targets)
            scaler.scale(loss).backward()
            scaler.step(optimizer)
            scaler.update()
            scheduler.step()
            loss_sum += loss.item() * images.size(0)
            seen += images.size(0)
        print(f"epoch {epoch}: loss {loss_sum / seen:.4f} lr {scheduler.get_last_lr()[0]:.4f}")
    return model

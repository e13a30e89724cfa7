import torch
import torch.nn as nn
from torch.optim.lr_scheduler import OneCycleLR
from torch.utils.data import DataLoader


def train(model, train_ds, epochs=30, max_lr=3e-3, batch_size=256, device="cuda"):
    model = model.to(device)
    loader = DataLoader(train_ds, batch_size=batch_size, shuffle=True,
                        num_workers=8, pin_memory=True)
    opt = torch.optim.SGD(model.parameters(), lr=max_lr / 25, momentum=0.9,
                          nesterov=True, weight_decay=5e-4)
    sched = OneCycleLR(opt, max_lr=max_lr, epochs=epochs, steps_per_epoch=len(loader))
    scaler = torch.cuda.amp.GradScaler()
    criterion = nn.CrossEntropyLoss()

    for epoch in range(epochs):
        model.train()
        seen, correct = 0, 0
        for images, labels in loader:
            images = images.to(device, non_blocking=True)
            labels = labels.to(device, non_blocking=True)
            opt.zero_grad(set_to_none=True)
            with torch.cuda.amp.autocast():
                logits = model(images)
                loss = criterion(logits, labels)
            scaler.scale(loss).backward()
            scaler.step(opt)
            scaler.update()
            sched.step()
            correct += (logits.argmax(1) == labels).sum().item()
            seen += labels.size(0)
        print(f"epoch {epoch}: train acc {correct / seen:.3f}, lr {sched.get_last_lr()[0]:.2e}")

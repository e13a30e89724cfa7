import torch
import torch.nn as nn
from torch.optim.lr_scheduler import OneCycleLR


def train(model, loader, epochs, max_lr=0.1):
    model = model.cuda()
    opt = torch.optim.SGD(model.parameters(), lr=max_lr, momentum=0.9, weight_decay=5e-4)
    sched = OneCycleLR(opt, max_lr=max_lr, total_steps=epochs * len(loader))
    scaler = torch.cuda.amp.GradScaler()
    criterion = nn.CrossEntropyLoss()

    for epoch in range(epochs):
        model.train()
        skipped = 0
        for images, labels in loader:
            images, labels = images.cuda(non_blocking=True), labels.cuda(non_blocking=True)
            opt.zero_grad(set_to_none=True)
            with torch.autocast(device_type="cuda", dtype=torch.float16):
                loss = criterion(model(images), labels)
            scaler.scale(loss).backward()
            scale_before = scaler.get_scale()
            scaler.step(opt)
            scaler.update()
            if scaler.get_scale() >= scale_before:
                sched.step()
            else:
                skipped += 1
        print(f"epoch {epoch}: skipped {skipped} overflow steps, lr {sched.get_last_lr()[0]:.5f}")

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import OneCycleLR
from torch.utils.data import DataLoader


def train(net, train_ds, epochs=30, peak_lr=3e-3, batch_size=256, device="cuda"):
    net = net.to(device)
    loader = DataLoader(train_ds, batch_size=batch_size, shuffle=True, num_workers=8)
    opt = torch.optim.SGD(net.parameters(), lr=peak_lr / 25, momentum=0.9, weight_decay=5e-4)
    lr_sched = OneCycleLR(opt, max_lr=peak_lr, epochs=epochs, steps_per_epoch=len(loader))
    scaler = torch.amp.GradScaler("cuda")
    criterion = nn.CrossEntropyLoss()

    for epoch in range(epochs):
        net.train()
        for images, labels in loader:
            images, labels = images.to(device), labels.to(device)
            opt.zero_grad(set_to_none=True)
            with torch.autocast("cuda", dtype=torch.float16):
                loss = criterion(net(images), labels)
            scaler.scale(loss).backward()
            scaler.step(opt)
            scale_before = scaler.get_scale()
            scaler.update()
            if scaler.get_scale() >= scale_before:
                lr_sched.step()
        print(f"epoch {epoch} lr {lr_sched.get_last_lr()[0]:.2e}")

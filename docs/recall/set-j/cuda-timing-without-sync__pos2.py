import time

import torch
import torch.nn.functional as F


def train_one_epoch(model, loader, optimizer, device, epoch, print_freq=50):
    model.train()
    step_times = []
    for step, (images, target) in enumerate(loader):
        images = images.to(device, non_blocking=True)
        target = target.to(device, non_blocking=True)

        tic = time.perf_counter()
        output = model(images)
        loss = F.cross_entropy(output, target)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        step_time = time.perf_counter() - tic
        step_times.append(step_time)

        if step % print_freq == 0:
            imgs_per_sec = images.size(0) / max(step_time, 1e-9)
            print(
                f"Epoch [{epoch}][{step}/{len(loader)}] "
                f"step {step_time * 1000:.1f}ms ({imgs_per_sec:.0f} img/s) "
                f"loss {loss.item():.4f}"
            )
    return sum(step_times) / max(len(step_times), 1)


def fit(model, loader, epochs, lr=0.1, device="cuda"):
    model.to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9, weight_decay=1e-4)
    for epoch in range(epochs):
        avg = train_one_epoch(model, loader, optimizer, device, epoch)
        print(f"epoch {epoch}: mean step time {avg * 1000:.1f}ms")

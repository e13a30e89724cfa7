import torch
import torch.nn.functional as F


def train(model, loader, epochs=50, lr=0.02, warmup_iters=1000, device="cuda"):
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9, weight_decay=1e-4)
    for g in optimizer.param_groups:
        g.setdefault("initial_lr", g["lr"])
    model.to(device).train()
    global_step = 0
    for epoch in range(epochs):
        decay = 0.1 ** sum(epoch >= m for m in (30, 40))
        for step, (images, targets) in enumerate(loader):
            warm = min(1.0, (global_step + 1) / warmup_iters) if warmup_iters > 0 else 1.0
            for g in optimizer.param_groups:
                g["lr"] = g["initial_lr"] * warm * decay
            images, targets = images.to(device), targets.to(device)
            loss = F.cross_entropy(model(images), targets)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            global_step += 1
            if step % 50 == 0:
                print(f"epoch {epoch} it {step} loss {loss.item():.4f} lr {optimizer.param_groups[0]['lr']:.5f}")

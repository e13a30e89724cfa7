import torch
import torch.nn.functional as F


def train(model, loader, epochs=50, lr=0.02, warmup_iters=1000, device="cuda"):
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9, weight_decay=1e-4)
    model.to(device).train()
    global_step = 0
    for epoch in range(epochs):
        for step, (images, targets) in enumerate(loader):
            if global_step < warmup_iters:
                for g in optimizer.param_groups:
                    g["lr"] *= (global_step + 1) / warmup_iters
            images, targets = images.to(device), targets.to(device)
            loss = F.cross_entropy(model(images), targets)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            global_step += 1
            if step % 50 == 0:
                print(f"epoch {epoch} it {step} loss {loss.item():.4f} lr {optimizer.param_groups[0]['lr']:.5f}")
        if epoch in (30, 40):
            for g in optimizer.param_groups:
                g["lr"] *= 0.1

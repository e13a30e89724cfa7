import torch
from timm.scheduler import CosineLRScheduler


def train_one_epoch(model, loader, optimizer, loss_fn, device):
    model.train()
    for images, target in loader:
        images, target = images.to(device), target.to(device)
        optimizer.zero_grad()
        loss = loss_fn(model(images), target)
        loss.backward()
        optimizer.step()
    return loss.item()


def main(model, loader, loss_fn, epochs=300, lr=5e-4, warmup_epochs=5, device="cuda"):
    model.to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.05)
    lr_scheduler = CosineLRScheduler(
        optimizer,
        t_initial=epochs,
        lr_min=1e-5,
        warmup_t=warmup_epochs,
        warmup_lr_init=1e-6,
    )
    for epoch in range(epochs):
        last_loss = train_one_epoch(model, loader, optimizer, loss_fn, device)
        # timm schedulers are indexed by epoch explicitly
        lr_scheduler.step(epoch + 1)
        print(f"epoch {epoch}: loss {last_loss:.4f} lr {optimizer.param_groups[0]['lr']:.2e}")
    return model

import torch
import torch.nn.functional as F


def evaluate(model, loader, device="cuda"):
    """Top-1 / top-5 accuracy and mean loss on a validation loader."""
    n, loss_sum, top1, top5 = 0, 0.0, 0, 0
    with torch.no_grad():
        for images, target in loader:
            images = images.to(device, non_blocking=True)
            target = target.to(device, non_blocking=True)
            output = model(images)
            loss_sum += F.cross_entropy(output, target, reduction="sum").item()
            _, pred = output.topk(5, dim=1)
            hits = pred.eq(target.view(-1, 1))
            top1 += hits[:, :1].sum().item()
            top5 += hits.sum().item()
            n += target.size(0)
    return {"loss": loss_sum / n, "top1": 100.0 * top1 / n, "top5": 100.0 * top5 / n}


def train_and_eval(model, train_loader, val_loader, optimizer, epochs, device="cuda"):
    model.to(device)
    for epoch in range(epochs):
        model.train()
        for images, target in train_loader:
            images, target = images.to(device), target.to(device)
            optimizer.zero_grad(set_to_none=True)
            loss = F.cross_entropy(model(images), target)
            loss.backward()
            optimizer.step()
        stats = evaluate(model, val_loader, device)
        print(f"epoch {epoch}: " + " ".join(f"{k}={v:.3f}" for k, v in stats.items()))

import torch
import torch.nn.functional as F


def evaluate(model, loader, device="cuda"):
    model.eval()
    n, loss_sum, correct = 0, 0.0, 0
    with torch.no_grad():
        for images, target in loader:
            images = images.to(device, non_blocking=True)
            target = target.to(device, non_blocking=True)
            output = model(images)
            loss_sum += F.cross_entropy(output, target, reduction="sum").item()
            correct += (output.argmax(1) == target).sum().item()
            n += target.size(0)
    return loss_sum / n, 100.0 * correct / n


def train_and_eval(model, train_loader, val_loader, optimizer, epochs, device="cuda"):
    model.to(device)
    for epoch in range(epochs):
        model.train()
        for images, target in train_loader:
            images, target = images.to(device), target.to(device)
            optimizer.zero_grad(set_to_none=True)
            F.cross_entropy(model(images), target).backward()
            optimizer.step()
        val_loss, val_acc = evaluate(model, val_loader, device)
        print(f"epoch {epoch}: val loss {val_loss:.4f} acc {val_acc:.2f}")

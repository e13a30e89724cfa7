import torch
import torch.nn.functional as F


def train_epoch(model, loader, opt, device):
    model.train()
    loss_sum = torch.zeros((), device=device)
    n = 0
    for imgs, labels in loader:
        imgs, labels = imgs.to(device), labels.to(device)
        loss = F.cross_entropy(model(imgs), labels)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        loss_sum += loss.detach() * imgs.size(0)
        n += imgs.size(0)
    return (loss_sum / n).item()


@torch.no_grad()
def validate(model, loader, device):
    model.eval()
    total = 0.0
    count = 0
    for imgs, labels in loader:
        imgs, labels = imgs.to(device), labels.to(device)
        total += F.cross_entropy(model(imgs), labels, reduction="sum")
        count += imgs.size(0)
    return float(total) / count

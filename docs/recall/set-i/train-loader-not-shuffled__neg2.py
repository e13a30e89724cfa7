import torch
from torch.utils.data import DataLoader, WeightedRandomSampler


def class_balanced_sampler(labels):
    labels = torch.as_tensor(labels)
    counts = torch.bincount(labels).clamp(min=1).float()
    weights = (1.0 / counts)[labels]
    return WeightedRandomSampler(weights, num_samples=len(labels), replacement=True)


def train(classifier, train_ds, epochs, lr=3e-4, bs=32, device="cuda"):
    sampler = class_balanced_sampler(train_ds.targets)
    loader = DataLoader(train_ds, batch_size=bs, sampler=sampler, num_workers=4, pin_memory=True)
    classifier.to(device)
    opt = torch.optim.AdamW(classifier.parameters(), lr=lr)
    for epoch in range(epochs):
        classifier.train()
        seen, loss_sum = 0, 0.0
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            opt.zero_grad()
            loss = torch.nn.functional.cross_entropy(classifier(x), y)
            loss.backward()
            opt.step()
            seen += x.size(0)
            loss_sum += loss.item() * x.size(0)
        print(f"epoch {epoch}: loss {loss_sum / max(seen, 1):.4f}")
    return classifier

import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader, WeightedRandomSampler


def class_balanced_sampler(labels, num_samples=None):
    labels = torch.as_tensor(labels)
    counts = torch.bincount(labels).clamp(min=1).float()
    weights = (1.0 / counts)[labels]
    return WeightedRandomSampler(weights, num_samples=num_samples or len(labels),
                                 replacement=True)


def train(net, train_set, epochs=20, lr=3e-4, bs=64, device="cuda"):
    sampler = class_balanced_sampler(train_set.targets)
    loader = DataLoader(train_set, batch_size=bs, sampler=sampler, num_workers=4,
                        pin_memory=True, drop_last=True)
    net.to(device)
    opt = torch.optim.Adam(net.parameters(), lr=lr)
    for epoch in range(epochs):
        net.train()
        total, steps = 0.0, 0
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            opt.zero_grad()
            loss = F.cross_entropy(net(x), y)
            loss.backward()
            opt.step()
            total += loss.item()
            steps += 1
        print(f"epoch {epoch}: loss {total / max(steps, 1):.4f}")
    return net

import torch
from torch.utils.data import DataLoader, WeightedRandomSampler


def make_loaders(train_ds, val_ds, class_counts, batch_size=64):
    class_weights = 1.0 / torch.as_tensor(class_counts, dtype=torch.double)
    sample_weights = class_weights[torch.as_tensor(train_ds.targets)]
    sampler = WeightedRandomSampler(sample_weights, num_samples=len(sample_weights), replacement=True)
    train_loader = DataLoader(train_ds, batch_size=batch_size, sampler=sampler, num_workers=4, pin_memory=True)
    val_loader = DataLoader(val_ds, batch_size=batch_size * 2, shuffle=False, num_workers=4)
    return train_loader, val_loader


def run(net, train_ds, val_ds, class_counts, epochs=20, lr=1e-3, device="cuda"):
    train_loader, val_loader = make_loaders(train_ds, val_ds, class_counts)
    net.to(device)
    opt = torch.optim.Adam(net.parameters(), lr=lr)
    crit = torch.nn.CrossEntropyLoss()
    for epoch in range(epochs):
        net.train()
        for x, y in train_loader:
            x, y = x.to(device), y.to(device)
            opt.zero_grad()
            crit(net(x), y).backward()
            opt.step()
        net.eval()
        hits = 0
        with torch.no_grad():
            for x, y in val_loader:
                hits += (net(x.to(device)).argmax(1).cpu() == y).sum().item()
        print(f"epoch {epoch}: balanced-sampled training, val acc {hits / len(val_ds):.3f}")

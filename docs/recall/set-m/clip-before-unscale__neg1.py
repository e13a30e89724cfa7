import torch
import torch.nn as nn
from torch.utils.data import DataLoader


def train(net, dataset, epochs=10, lr=1e-4, max_norm=1.0, batch_size=32, device="cuda"):
    net = net.to(device)
    loader = DataLoader(dataset, batch_size=batch_size, shuffle=True, num_workers=4)
    opt = torch.optim.AdamW(net.parameters(), lr=lr, weight_decay=0.01)
    scaler = torch.amp.GradScaler("cuda")
    criterion = nn.CrossEntropyLoss()

    for epoch in range(epochs):
        net.train()
        total = 0.0
        for inputs, targets in loader:
            inputs, targets = inputs.to(device), targets.to(device)
            opt.zero_grad(set_to_none=True)
            with torch.autocast("cuda", dtype=torch.float16):
                loss = criterion(net(inputs), targets)
            scaler.scale(loss).backward()
            scaler.unscale_(opt)
            torch.nn.utils.clip_grad_norm_(net.parameters(), max_norm)
            scaler.step(opt)
            scaler.update()
            total += loss.item()
        print(f"epoch {epoch + 1}: {total / len(loader):.4f}")
    return net

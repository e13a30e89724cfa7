import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader


def train_net(net, ds, epochs=5, batch_size=4, lr=1e-4, clip=1.0):
    device = torch.device("cuda")
    loader = DataLoader(ds, batch_size=batch_size, shuffle=True, num_workers=4, pin_memory=True)
    net = net.to(device)
    optimizer = torch.optim.AdamW(net.parameters(), lr=lr)

    for epoch in range(1, epochs + 1):
        net.train()
        for images, masks in loader:
            images = images.to(device, non_blocking=True)
            masks = masks.to(device, non_blocking=True)
            # bf16 autocast has fp32's exponent range, so no loss scaling is needed
            with torch.autocast("cuda", dtype=torch.bfloat16):
                logits = net(images).squeeze(1)
                loss = F.binary_cross_entropy_with_logits(logits, masks)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            nn.utils.clip_grad_norm_(net.parameters(), clip)
            optimizer.step()
        print(f"epoch {epoch} loss {loss.item():.4f}")
    return net

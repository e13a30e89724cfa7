import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import PolynomialLR

hp = {
    "epochs": 60,
    "lr": 0.01,
    "momentum": 0.9,
    "weight_decay": 5e-4,
    "power": 0.9,
}


def fit(net, train_loader, device="cuda"):
    max_iter = hp["epochs"] * len(train_loader)
    optim = torch.optim.SGD(
        net.parameters(), lr=hp["lr"], momentum=hp["momentum"], weight_decay=hp["weight_decay"]
    )
    poly = PolynomialLR(optim, total_iters=max_iter, power=hp["power"])

    net.to(device)
    ep = 0
    while ep < hp["epochs"]:
        net.train()
        seen, total = 0, 0.0
        for img, lbl in train_loader:
            img, lbl = img.to(device), lbl.to(device)
            logits = net(img)["out"]
            loss = F.cross_entropy(logits, lbl, ignore_index=255)
            optim.zero_grad()
            loss.backward()
            optim.step()
            total += loss.item()
            seen += 1
        poly.step()
        print(f"epoch {ep}: loss={total / max(seen, 1):.4f} lr={poly.get_last_lr()[0]:.6f}")
        ep += 1
    return net

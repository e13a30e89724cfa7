import torch
from torch.optim.lr_scheduler import PolynomialLR


def build_optimizer(model, base_lr, weight_decay=1e-4):
    head, backbone = [], []
    for name, p in model.named_parameters():
        (head if name.startswith("decode_head") else backbone).append(p)
    return torch.optim.SGD(
        [{"params": backbone, "lr": base_lr}, {"params": head, "lr": base_lr * 10}],
        lr=base_lr, momentum=0.9, weight_decay=weight_decay,
    )


def train(model, loader, criterion, max_iters=40000, base_lr=0.01, device="cuda"):
    opt = build_optimizer(model, base_lr)
    # PolynomialLR keeps the LR at 0 once total_iters is reached
    sched = PolynomialLR(opt, total_iters=max_iters, power=0.9)
    model.to(device).train()
    it = 0
    while it < max_iters:
        for images, labels in loader:
            images, labels = images.to(device), labels.to(device)
            opt.zero_grad()
            loss = criterion(model(images), labels)
            loss.backward()
            opt.step()
            sched.step()
            it += 1
            if it % 50 == 0:
                print(f"iter {it} lr {sched.get_last_lr()[0]:.6f} loss {loss.item():.4f}")
            if it >= max_iters:
                break
    return model

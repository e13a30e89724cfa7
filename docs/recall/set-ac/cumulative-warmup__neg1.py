import torch
import torch.nn as nn


def train(model, loader, epochs=24, lr=0.4, warm_iters=500, device="cuda"):
    model.to(device)
    opt = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9, nesterov=True, weight_decay=5e-4)
    for pg in opt.param_groups:
        pg.setdefault("initial_lr", pg["lr"])
    loss_fn = nn.CrossEntropyLoss(label_smoothing=0.1)
    it = 0
    for epoch in range(epochs):
        model.train()
        seen, correct = 0, 0
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            if it < warm_iters:
                scale = min(1.0, (it + 1) / warm_iters)
                for pg in opt.param_groups:
                    pg["lr"] = pg["initial_lr"] * scale
            out = model(x)
            loss = loss_fn(out, y)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            it += 1
            seen += y.numel()
            correct += (out.argmax(1) == y).sum().item()
        print(f"epoch {epoch}: train acc {correct / seen:.3f} lr {opt.param_groups[0]['lr']:.4f}")
    return model

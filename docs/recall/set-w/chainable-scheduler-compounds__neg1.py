import torch
from torch.optim.lr_scheduler import LambdaLR


def layer_groups(vit, base_lr, layer_decay=0.75, wd=0.05):
    """One param group per transformer block, deeper blocks get larger LR."""
    n = len(vit.blocks) + 1
    groups = []
    for i, block in enumerate(vit.blocks):
        scale = layer_decay ** (n - i - 1)
        groups.append({"params": block.parameters(), "lr": base_lr, "lr_scale": scale,
                       "weight_decay": wd})
    groups.append({"params": vit.head.parameters(), "lr": base_lr, "lr_scale": 1.0,
                   "weight_decay": wd})
    return groups


class ScaledLambdaLR(LambdaLR):
    """LambdaLR that also applies each group's ``lr_scale``."""

    def get_lr(self):
        scales = [g.get("lr_scale", 1.0) for g in self.optimizer.param_groups]
        return [lr * s for lr, s in zip(super().get_lr(), scales)]


def finetune(vit, loader, epochs=50, base_lr=1e-3, gamma=0.95):
    opt = torch.optim.AdamW(layer_groups(vit, base_lr), lr=base_lr)
    sched = ScaledLambdaLR(opt, lr_lambda=lambda e: gamma ** e)
    loss_fn = torch.nn.CrossEntropyLoss(label_smoothing=0.1)
    for epoch in range(epochs):
        vit.train()
        for imgs, labels in loader:
            opt.zero_grad()
            loss = loss_fn(vit(imgs), labels)
            loss.backward()
            opt.step()
        sched.step()
        print(f"epoch {epoch}: head lr {sched.get_last_lr()[-1]:.2e}")
    return vit

import torch
from torch.optim.lr_scheduler import LambdaLR


def param_groups_lrd(model, num_layers, layer_decay=0.75):
    groups = []
    for i, block in enumerate(model.blocks):
        groups.append({"params": list(block.parameters()), "lr_scale": layer_decay ** (num_layers - i)})
    groups.append({"params": list(model.head.parameters()), "lr_scale": 1.0})
    return groups


class LayerScaledLambda(LambdaLR):
    """LambdaLR whose output is additionally scaled per parameter group."""

    def __init__(self, optimizer, lr_lambda, last_epoch=-1):
        self.scales = [g.get("lr_scale", 1.0) for g in optimizer.param_groups]
        super().__init__(optimizer, lr_lambda, last_epoch=last_epoch)

    def get_lr(self):
        lrs = super().get_lr()
        return [lr * s for lr, s in zip(lrs, self.scales)]


def finetune(vit, loader, epochs, base_lr=5e-4):
    groups = param_groups_lrd(vit, num_layers=len(vit.blocks))
    opt = torch.optim.AdamW(groups, lr=base_lr, weight_decay=0.05)
    total = max(1, epochs * len(loader))
    lr_sched = LayerScaledLambda(opt, lambda s: 1.0 - min(s, total) / total)
    vit.train()
    for epoch in range(epochs):
        for imgs, labels in loader:
            loss = torch.nn.functional.cross_entropy(vit(imgs), labels, label_smoothing=0.1)
            opt.zero_grad()
            loss.backward()
            opt.step()
            lr_sched.step()

import torch
from torch.optim.lr_scheduler import LambdaLR

from models import build_backbone, ClassifierHead

# per-group learning rate and exponential decay factor per epoch
GROUPS = {
    "backbone": {"lr": 1e-4, "gamma": 0.98},
    "neck": {"lr": 5e-4, "gamma": 0.95},
    "head": {"lr": 1e-3, "gamma": 0.90},
}


def build_optimizer(backbone, neck, head):
    modules = {"backbone": backbone, "neck": neck, "head": head}
    param_groups = [
        {"params": modules[name].parameters(), "lr": spec["lr"], "name": name}
        for name, spec in GROUPS.items()
    ]
    opt = torch.optim.AdamW(param_groups, weight_decay=0.05)
    decays = [spec["gamma"] for spec in GROUPS.values()]
    lr_sched = LambdaLR(opt, lr_lambda=[lambda ep: gamma ** ep for gamma in decays])
    return opt, lr_sched


def train(loader, epochs=50):
    backbone = build_backbone("convnext_tiny", pretrained=True).cuda()
    neck = torch.nn.Sequential(torch.nn.Linear(768, 512), torch.nn.GELU()).cuda()
    head = ClassifierHead(512, 200).cuda()
    opt, lr_sched = build_optimizer(backbone, neck, head)
    crit = torch.nn.CrossEntropyLoss()

    for epoch in range(epochs):
        for m in (backbone, neck, head):
            m.train()
        for x, y in loader:
            logits = head(neck(backbone(x.cuda())))
            loss = crit(logits, y.cuda())
            opt.zero_grad()
            loss.backward()
            opt.step()
        lr_sched.step()
        lrs = ", ".join(f"{g['name']}={g['lr']:.2e}" for g in opt.param_groups)
        print(f"epoch {epoch}: loss {loss.item():.4f} [{lrs}]")

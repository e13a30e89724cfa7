import torch
from torch.optim.lr_scheduler import LambdaLR

from models import build_backbone, ClassifierHead


def build_optimizer(backbone, head, cfg):
    param_groups = [
        {"params": backbone.parameters(), "lr": cfg["lr"] * cfg["backbone_mult"]},
        {"params": head.parameters(), "lr": cfg["lr"]},
    ]
    return torch.optim.SGD(param_groups, lr=cfg["lr"], momentum=0.9,
                           weight_decay=cfg["wd"])


def build_scheduler(opt, cfg):
    # backbone decays slower than the freshly initialised head
    lambdas = []
    for decay in cfg["group_decays"]:
        lambdas.append(lambda epoch: decay ** epoch)
    return LambdaLR(opt, lr_lambda=lambdas)


def main(cfg, loader):
    backbone = build_backbone(cfg["arch"], pretrained=True).cuda()
    head = ClassifierHead(backbone.out_dim, cfg["num_classes"]).cuda()
    opt = build_optimizer(backbone, head, cfg)
    sched = build_scheduler(opt, cfg)
    crit = torch.nn.CrossEntropyLoss()
    for epoch in range(cfg["epochs"]):
        backbone.train()
        head.train()
        for x, y in loader:
            x, y = x.cuda(), y.cuda()
            loss = crit(head(backbone(x)), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
        sched.step()
        print(epoch, [round(lr, 6) for lr in sched.get_last_lr()])


if __name__ == "__main__":
    import yaml
    from data import make_loader
    with open("configs/finetune.yaml") as fh:
        config = yaml.safe_load(fh)
    main(config, make_loader(config, shuffle=True))

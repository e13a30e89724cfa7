import torch
from torch.optim.lr_scheduler import LambdaLR

from models import build_backbone, ClassifierHead


def build_scheduler(opt, cfg):
    lambdas = []
    for decay in cfg["group_decays"]:
        lambdas.append(lambda epoch, d=decay: d ** epoch)
    return LambdaLR(opt, lr_lambda=lambdas)


def main(cfg, loader):
    backbone = build_backbone(cfg["arch"], pretrained=True).cuda()
    head = ClassifierHead(backbone.out_dim, cfg["num_classes"]).cuda()
    opt = torch.optim.SGD(
        [{"params": backbone.parameters(), "lr": cfg["lr"] * 0.1},
         {"params": head.parameters(), "lr": cfg["lr"]}],
        lr=cfg["lr"], momentum=0.9, weight_decay=cfg["wd"])
    assert len(cfg["group_decays"]) == len(opt.param_groups)
    sched = build_scheduler(opt, cfg)
    crit = torch.nn.CrossEntropyLoss()
    for epoch in range(cfg["epochs"]):
        backbone.train()
        head.train()
        for x, y in loader:
            loss = crit(head(backbone(x.cuda())), y.cuda())
            opt.zero_grad()
            loss.backward()
            opt.step()
        sched.step()
        print(epoch, sched.get_last_lr())

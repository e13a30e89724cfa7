import torch
from torch.optim.lr_scheduler import MultiStepLR


def build_optimizer(cfg, net):
    opt = torch.optim.SGD(
        net.parameters(), lr=cfg["base_lr"], momentum=cfg["momentum"], weight_decay=cfg["wd"]
    )
    sched = MultiStepLR(opt, milestones=cfg["milestones"], gamma=cfg["gamma"])
    return opt, sched


def train(cfg, net, data_iter):
    opt, lr_sched = build_optimizer(cfg, net)
    net.cuda().train()
    it = 0
    while it < cfg["max_iter"]:
        images, masks = next(data_iter)
        images, masks = images.cuda(), masks.cuda()
        logits = net(images)
        loss = torch.nn.functional.binary_cross_entropy_with_logits(logits, masks.float())
        opt.zero_grad()
        loss.backward()
        opt.step()
        it += 1
        if it % cfg["log_period"] == 0:
            print(f"iter {it}/{cfg['max_iter']} loss {loss.item():.4f} lr {opt.param_groups[0]['lr']:.5f}")
        if it % cfg["ckpt_period"] == 0:
            torch.save({"model": net.state_dict(), "iter": it}, f"{cfg['out']}/model_{it:07d}.pth")
    return net

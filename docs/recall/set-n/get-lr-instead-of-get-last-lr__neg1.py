import torch
from torch.optim.lr_scheduler import MultiStepLR
from torch.utils.tensorboard import SummaryWriter


def fit(net, loader, cfg):
    opt = torch.optim.SGD(net.parameters(), lr=cfg.lr, momentum=0.9, weight_decay=cfg.wd)
    sched = MultiStepLR(opt, milestones=cfg.milestones, gamma=0.1)
    writer = SummaryWriter(cfg.log_dir)
    step = 0
    for epoch in range(cfg.epochs):
        net.train()
        for x, y in loader:
            loss = torch.nn.functional.cross_entropy(net(x.cuda()), y.cuda())
            opt.zero_grad()
            loss.backward()
            opt.step()
            step += 1
            if step % cfg.log_every == 0:
                writer.add_scalar("train/loss", loss.item(), step)
                writer.add_scalar("train/lr", sched.get_last_lr()[0], step)
        sched.step()
    writer.close()

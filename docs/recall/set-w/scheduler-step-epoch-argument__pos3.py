import torch
import torch.nn.functional as F
from torch.optim import lr_scheduler


def run_training(net, loader, opts, start_ep=0, device="cuda"):
    net = net.to(device)
    opt = torch.optim.SGD(net.parameters(), lr=opts["lr"], momentum=0.9,
                          weight_decay=opts["weight_decay"])
    sched = lr_scheduler.MultiStepLR(opt, milestones=opts["milestones"], gamma=0.2)
    ep = start_ep
    while ep < opts["max_epoch"]:
        net.train()
        n_batches, loss_acc = 0, 0.0
        for i, (img, lbl) in enumerate(loader):
            img, lbl = img.to(device), lbl.to(device)
            opt.zero_grad()
            out = net(img)
            loss = F.cross_entropy(out, lbl)
            loss.backward()
            opt.step()
            loss_acc += loss.item()
            n_batches += 1
        sched.step(ep + 1)
        print("[ep %d] loss %.4f lr %.5f" % (ep, loss_acc / max(n_batches, 1), opt.param_groups[0]["lr"]))
        ep += 1
    return net

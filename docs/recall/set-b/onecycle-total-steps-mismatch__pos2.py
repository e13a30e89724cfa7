import itertools

import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import OneCycleLR


def train_semi(net, labeled_dl, unlabeled_dl, epochs=50, lr_max=0.03, lam_u=1.0, tau=0.95):
    net = net.cuda()
    opt = torch.optim.SGD(net.parameters(), lr=lr_max, momentum=0.9, nesterov=True,
                          weight_decay=5e-4)
    lr_sched = OneCycleLR(opt, max_lr=lr_max, total_steps=epochs * len(labeled_dl))

    for epoch in range(epochs):
        net.train()
        batches = zip(itertools.cycle(labeled_dl), unlabeled_dl)
        for step, ((x_l, y_l), (u_weak, u_strong)) in enumerate(batches):
            x_l, y_l = x_l.cuda(), y_l.cuda()
            u_weak, u_strong = u_weak.cuda(), u_strong.cuda()
            sup = F.cross_entropy(net(x_l), y_l)
            with torch.no_grad():
                probs = net(u_weak).softmax(-1)
                conf, pseudo = probs.max(-1)
                keep = (conf >= tau).float()
            unsup = (F.cross_entropy(net(u_strong), pseudo, reduction="none") * keep).mean()
            loss = sup + lam_u * unsup
            opt.zero_grad()
            loss.backward()
            opt.step()
            lr_sched.step()
            if step % 50 == 0:
                print(f"epoch {epoch} step {step} sup {sup.item():.3f} unsup {unsup.item():.3f}")
        torch.save(net.state_dict(), "semi_last.pt")

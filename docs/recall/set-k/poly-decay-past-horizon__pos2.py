import torch
from torch import nn
from torch.optim.lr_scheduler import LambdaLR
from torch.utils.data import DataLoader


def build(net, train_set, hp):
    loader = DataLoader(train_set, batch_size=hp["bs"], shuffle=True, num_workers=hp["workers"])
    opt = torch.optim.SGD(net.parameters(), lr=hp["lr"], momentum=0.9, weight_decay=hp["wd"])
    max_iter = max(1, hp["epochs"] * (len(train_set) // hp["bs"]))
    sched = LambdaLR(opt, lambda it: (1 - it / max_iter) ** 0.9)
    return loader, opt, sched


def train(net, train_set, hp):
    loader, opt, sched = build(net, train_set, hp)
    crit = nn.CrossEntropyLoss(ignore_index=hp.get("ignore_index", 255))
    for epoch in range(hp["epochs"]):
        net.train()
        running = 0.0
        for it, (img, mask) in enumerate(loader):
            img, mask = img.cuda(non_blocking=True), mask.cuda(non_blocking=True)
            out = net(img)
            if isinstance(out, (tuple, list)):
                loss = crit(out[0], mask) + 0.4 * crit(out[1], mask)
            else:
                loss = crit(out, mask)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            running += loss.item()
            if it % 20 == 0:
                print(f"[{epoch}:{it}] loss {running / (it + 1):.4f} lr {sched.get_last_lr()[0]:.6f}")
    return net

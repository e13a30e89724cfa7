import torch
import torch.nn as nn
from torch.optim.lr_scheduler import OneCycleLR
from torch.utils.data import DataLoader

HPARAMS = {"epochs": 30, "batch_size": 128, "max_lr": 0.2}


def train(net, train_set, hparams=None):
    hparams = {**HPARAMS, **(hparams or {})}
    bs = hparams["batch_size"]
    train_loader = DataLoader(train_set, batch_size=bs, shuffle=True, num_workers=4,
                              drop_last=True)
    net = net.cuda()
    opt = torch.optim.SGD(net.parameters(), lr=hparams["max_lr"], momentum=0.9, weight_decay=5e-4)
    steps_per_epoch = len(train_set) // bs
    sched = OneCycleLR(opt, max_lr=hparams["max_lr"], epochs=hparams["epochs"],
                       steps_per_epoch=steps_per_epoch)
    crit = nn.CrossEntropyLoss()

    for epoch in range(hparams["epochs"]):
        net.train()
        for x, y in train_loader:
            x, y = x.cuda(non_blocking=True), y.cuda(non_blocking=True)
            loss = crit(net(x), y)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            sched.step()
        print(f"epoch {epoch} loss {loss.item():.4f} lr {sched.get_last_lr()[0]:.4f}")
    torch.save(net.state_dict(), "onecycle.pt")
    return net

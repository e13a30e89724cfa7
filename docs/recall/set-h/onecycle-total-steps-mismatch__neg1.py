import torch
from torch.optim.lr_scheduler import OneCycleLR
from torch.utils.data import DataLoader

hparams = {"epochs": 12, "bs": 64, "max_lr": 4e-3}


def train(net, train_set):
    dl = DataLoader(train_set, batch_size=hparams["bs"], shuffle=True, num_workers=4)
    opt = torch.optim.Adam(net.parameters(), lr=hparams["max_lr"])
    sched = OneCycleLR(
        opt,
        max_lr=hparams["max_lr"],
        total_steps=hparams["epochs"] * len(dl),
        anneal_strategy="cos",
    )
    net.cuda()
    for epoch in range(hparams["epochs"]):
        net.train()
        for step, (x, y) in enumerate(dl):
            logits = net(x.cuda())
            loss = torch.nn.functional.cross_entropy(logits, y.cuda())
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
        print(f"epoch {epoch} done after {step + 1} steps, lr {sched.get_last_lr()[0]:.2e}")
    return net

import torch
from torch.optim.lr_scheduler import OneCycleLR

hp = {"epochs": 25, "max_lr": 2e-3, "decay": 0.5, "min_lr": 1e-6, "patience": 2}


@torch.no_grad()
def val_loss(net, loader):
    net.eval()
    total = sum(torch.nn.functional.mse_loss(net(x.cuda()), y.cuda()).item() for x, y in loader)
    net.train()
    return total / len(loader)


def train(net, train_loader, val_loader):
    opt = torch.optim.AdamW(net.parameters(), lr=hp["max_lr"])
    cyc = OneCycleLR(opt, max_lr=hp["max_lr"], epochs=hp["epochs"], steps_per_epoch=len(train_loader))
    best, bad_epochs = float("inf"), 0

    net.cuda().train()
    for epoch in range(hp["epochs"]):
        for x, y in train_loader:
            loss = torch.nn.functional.mse_loss(net(x.cuda()), y.cuda())
            opt.zero_grad()
            loss.backward()
            opt.step()
            cyc.step()

        v = val_loss(net, val_loader)
        if v < best:
            best, bad_epochs = v, 0
        else:
            bad_epochs += 1
            if bad_epochs > hp["patience"]:
                for k, g in enumerate(opt.param_groups):
                    opt.param_groups[k]["lr"] = max(g["lr"] * hp["decay"], hp["min_lr"])
                bad_epochs = 0
        print(f"epoch {epoch} val {v:.5f} best {best:.5f}")
    return best

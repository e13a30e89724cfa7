import torch
import torch.nn as nn
from torch.optim.lr_scheduler import ExponentialLR

params = {"epochs": 80, "lr": 1e-3, "gamma": 0.97, "patience": 5}


def validate(net, loader):
    net.eval()
    tot = 0.0
    with torch.no_grad():
        for seq, tgt in loader:
            out = net(seq.cuda())
            tot += nn.functional.mse_loss(out, tgt.cuda(), reduction="sum").item()
    return tot / len(loader.dataset)


def train_forecaster(net, train_loader, val_loader):
    net = net.cuda()
    opt = torch.optim.Adam(net.parameters(), lr=params["lr"])
    lr_decay = ExponentialLR(opt, gamma=params["gamma"])
    best, bad_epochs = float("inf"), 0

    epoch = 0
    while epoch < params["epochs"]:
        net.train()
        for seq, tgt in train_loader:
            opt.zero_grad()
            loss = nn.functional.mse_loss(net(seq.cuda()), tgt.cuda())
            loss.backward()
            opt.step()
        lr_decay.step()

        val = validate(net, val_loader)
        if val < best:
            best, bad_epochs = val, 0
            torch.save(net.state_dict(), "forecaster_best.pt")
        else:
            bad_epochs += 1
            if bad_epochs >= params["patience"]:
                for pg in opt.param_groups:
                    pg["lr"] = pg["lr"] * 0.5
                bad_epochs = 0
        print(f"epoch {epoch} val_mse {val:.5f} lr {opt.param_groups[0]['lr']:.2e}")
        epoch += 1
    return best

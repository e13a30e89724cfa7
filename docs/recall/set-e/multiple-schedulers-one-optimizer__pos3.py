import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import ExponentialLR, ReduceLROnPlateau

from tabular import make_loaders, ResidualMLP

hp = {"lr": 1e-3, "epochs": 150, "gamma": 0.98, "patience": 5, "bs": 512}


@torch.no_grad()
def evaluate(net, loader):
    was_training = net.training
    net.eval()
    total, n = 0.0, 0
    for x, y in loader:
        x, y = x.cuda(), y.cuda()
        total += F.mse_loss(net(x), y, reduction="sum").item()
        n += y.numel()
    net.train(was_training)
    return total / n


def main():
    train_dl, val_dl = make_loaders("data/housing.parquet", hp["bs"])
    net = ResidualMLP(in_dim=79, hidden=512, depth=6).cuda()
    opt = torch.optim.Adam(net.parameters(), lr=hp["lr"])
    exp_decay = ExponentialLR(opt, gamma=hp["gamma"])
    plateau = ReduceLROnPlateau(opt, mode="min", factor=0.5,
                                patience=hp["patience"])
    best = float("inf")
    for epoch in range(hp["epochs"]):
        net.train()
        for x, y in train_dl:
            x, y = x.cuda(), y.cuda()
            loss = F.mse_loss(net(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
        val = evaluate(net, val_dl)
        exp_decay.step()
        plateau.step(val)
        if val < best:
            best = val
            torch.save(net.state_dict(), "best_mlp.pt")
        print(f"{epoch:3d} val_mse={val:.5f} lr={opt.param_groups[0]['lr']:.2e}")


if __name__ == "__main__":
    main()

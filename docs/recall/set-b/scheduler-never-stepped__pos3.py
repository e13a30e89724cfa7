import torch
from torch.optim.lr_scheduler import ReduceLROnPlateau

from data import train_loader, val_loader
from model import Seq2SeqForecaster


@torch.no_grad()
def evaluate(net, dl):
    net.eval()
    err, n = 0.0, 0
    for hist, fut in dl:
        pred = net(hist.cuda())
        err += torch.nn.functional.l1_loss(pred, fut.cuda(), reduction="sum").item()
        n += fut.numel()
    net.train()
    return err / n


def fit(max_epochs=300, patience=20):
    net = Seq2SeqForecaster(input_dim=7, hidden=256, horizon=24).cuda()
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    lr_policy = ReduceLROnPlateau(opt, mode="min", factor=0.3, patience=5, min_lr=1e-6)
    best, wait = float("inf"), 0

    net.train()
    epoch = 0
    while epoch < max_epochs and wait < patience:
        for hist, fut in train_loader:
            pred = net(hist.cuda())
            loss = torch.nn.functional.mse_loss(pred, fut.cuda())
            opt.zero_grad()
            loss.backward()
            opt.step()
        mae = evaluate(net, val_loader)
        if mae < best:
            best, wait = mae, 0
            torch.save(net.state_dict(), "forecaster_best.pt")
        else:
            wait += 1
        print(f"epoch {epoch} val_mae {mae:.4f} lr {opt.param_groups[0]['lr']:.1e}")
        epoch += 1
    return best

import argparse

import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import OneCycleLR
from torch.utils.data import DataLoader


def get_args():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n-epochs", type=int, default=25)
    ap.add_argument("--max-lr", type=float, default=4e-3)
    ap.add_argument("--bs", type=int, default=32)
    return ap.parse_args()


def fit(net, train_ds, args, device="cuda"):
    dl = DataLoader(train_ds, batch_size=args.bs, shuffle=True, num_workers=4, drop_last=True)
    net.to(device)
    opt = torch.optim.Adam(net.parameters(), lr=args.max_lr / 25)
    one_cycle = OneCycleLR(opt, max_lr=args.max_lr, epochs=args.n_epochs,
                           steps_per_epoch=len(dl), pct_start=0.3)

    ep = 0
    while ep < args.n_epochs:
        net.train()
        tot, cnt = 0.0, 0
        for x, y in dl:
            x, y = x.to(device), y.to(device)
            logits = net(x)
            loss = F.binary_cross_entropy_with_logits(logits, y.float())
            opt.zero_grad()
            loss.backward()
            opt.step()
            tot += loss.item()
            cnt += 1
        one_cycle.step()
        print(f"epoch {ep}: bce {tot / cnt:.4f} lr {one_cycle.get_last_lr()[0]:.2e}")
        ep += 1
    torch.save(net.state_dict(), "unet_last.pt")
    return net

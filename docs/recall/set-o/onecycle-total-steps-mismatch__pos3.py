import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import OneCycleLR
from torch.utils.data import DataLoader

from tabular import TabularDataset, FTTransformer

CFG = {
    "csv": "data/train.csv",
    "epochs": 40,
    "batch_size": 512,
    "peak_lr": 3e-3,
    "div_factor": 20.0,
}


def train():
    train_ds = TabularDataset(CFG["csv"])
    n_train = len(train_ds)
    dl = DataLoader(train_ds, batch_size=CFG["batch_size"], shuffle=True, num_workers=4)
    net = FTTransformer(train_ds.n_num, train_ds.cat_cardinalities, d_out=1).cuda()
    opt = torch.optim.AdamW(net.parameters(), lr=CFG["peak_lr"], weight_decay=1e-5)
    lr_sched = OneCycleLR(opt, max_lr=CFG["peak_lr"], div_factor=CFG["div_factor"],
                          total_steps=CFG["epochs"] * (n_train // CFG["batch_size"]))

    epoch = 0
    while epoch < CFG["epochs"]:
        net.train()
        running = 0.0
        for x_num, x_cat, y in dl:
            pred = net(x_num.cuda(), x_cat.cuda()).squeeze(-1)
            loss = F.binary_cross_entropy_with_logits(pred, y.cuda().float())
            opt.zero_grad()
            loss.backward()
            opt.step()
            lr_sched.step()
            running += loss.item() * y.size(0)
        print(f"epoch {epoch} logloss {running / n_train:.5f}")
        epoch += 1
    return net


if __name__ == "__main__":
    train()

import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import CosineAnnealingLR
from torch.utils.data import DataLoader


def train_epoch(net, loader, opt, device):
    net.train()
    loss_sum, count = 0.0, 0
    for step, (x, y) in enumerate(loader):
        x, y = x.to(device), y.to(device)
        out = net(x)
        loss = F.cross_entropy(out, y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        loss_sum += loss.item() * x.size(0)
        count += x.size(0)
    return loss_sum / count


@torch.no_grad()
def evaluate(net, loader, device):
    net.eval()
    correct, count = 0, 0
    for x, y in loader:
        pred = net(x.to(device)).argmax(1)
        correct += (pred.cpu() == y).sum().item()
        count += y.size(0)
    return correct / count


def run(net, train_ds, val_ds, hp):
    device = "cuda" if torch.cuda.is_available() else "cpu"
    net = net.to(device)
    train_dl = DataLoader(train_ds, batch_size=hp["bs"], shuffle=True, num_workers=8,
                          pin_memory=True, drop_last=True)
    val_dl = DataLoader(val_ds, batch_size=hp["bs"] * 2, num_workers=8)
    opt = torch.optim.SGD(net.parameters(), lr=hp["lr"], momentum=0.9, weight_decay=hp["wd"])
    lr_sched = CosineAnnealingLR(opt, T_max=hp["epochs"], eta_min=hp["lr"] * 1e-3)

    history = []
    for epoch in range(hp["epochs"]):
        tr_loss = train_epoch(net, train_dl, opt, device)
        lr_sched.step()
        acc = evaluate(net, val_dl, device)
        history.append((tr_loss, acc))
        print(f"{epoch:03d} loss {tr_loss:.4f} acc {acc:.4f} lr {lr_sched.get_last_lr()[0]:.2e}")
    return history

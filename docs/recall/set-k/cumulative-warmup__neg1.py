import torch
from torch.utils.data import DataLoader


def train_detector(net, dataset, cfg):
    loader = DataLoader(dataset, batch_size=cfg["batch_size"], shuffle=True,
                        num_workers=cfg["workers"], collate_fn=dataset.collate_fn)
    opt = torch.optim.SGD(net.parameters(), lr=cfg["lr"], momentum=0.9, weight_decay=cfg["wd"])
    for g in opt.param_groups:
        g.setdefault("initial_lr", g["lr"])
    warm_iters = max(1, cfg["warm_iters"])
    it = 0
    for epoch in range(cfg["epochs"]):
        net.train()
        for imgs, targets in loader:
            if it < warm_iters:
                frac = (it + 1) / warm_iters
                for g in opt.param_groups:
                    g["lr"] = g["initial_lr"] * frac
            imgs = imgs.cuda()
            targets = [{k: v.cuda() for k, v in t.items()} for t in targets]
            losses = net(imgs, targets)
            loss = sum(losses.values())
            opt.zero_grad()
            loss.backward()
            opt.step()
            it += 1
            if it % 50 == 0:
                print(f"[{epoch}] it {it} loss {loss.item():.3f} lr {opt.param_groups[0]['lr']:.2e}")
    return net


if __name__ == "__main__":
    from detector import TinyDet, ToyBoxes

    cfg = dict(batch_size=8, workers=2, lr=0.01, wd=1e-4, warm_iters=500, epochs=12)
    train_detector(TinyDet(num_classes=20).cuda(), ToyBoxes(200), cfg)

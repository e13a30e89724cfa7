import torch
from torch.optim.lr_scheduler import CosineAnnealingLR
from torch.utils.data import DataLoader


def train_loop(net, dataset, hp, device="cuda"):
    loader = DataLoader(dataset, batch_size=hp["micro_batch"], shuffle=True,
                        num_workers=6, drop_last=True)
    accum = hp["accum_iter"]
    optimizer = torch.optim.AdamW(net.parameters(), lr=hp["lr"], weight_decay=hp["wd"])
    steps_per_epoch = len(loader) // accum
    sched = CosineAnnealingLR(optimizer, T_max=hp["epochs"] * steps_per_epoch, eta_min=1e-6)

    net.to(device).train()
    optimizer.zero_grad()
    for epoch in range(hp["epochs"]):
        for it, (imgs, masks) in enumerate(loader):
            imgs, masks = imgs.to(device), masks.to(device)
            loss = net(imgs, masks)
            (loss / accum).backward()
            if (it + 1) % accum == 0:
                optimizer.step()
                optimizer.zero_grad()
                sched.step()
            if it % 100 == 0:
                print(f"[{epoch}] {it}/{len(loader)} loss {loss.item():.4f} "
                      f"lr {sched.get_last_lr()[0]:.2e}")
    return net

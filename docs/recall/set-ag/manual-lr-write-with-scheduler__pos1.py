import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import CosineAnnealingLR
from torch.utils.data import DataLoader

from models import EfficientNetB0
from data import FoodDataset


def main(epochs=90, base_lr=0.05, warm_iters=2000, bs=128):
    dev = torch.device("cuda")
    loader = DataLoader(FoodDataset("data/food101", "train"), batch_size=bs,
                        shuffle=True, num_workers=12, drop_last=True)
    net = EfficientNetB0(num_classes=101).to(dev)
    opt = torch.optim.SGD(net.parameters(), lr=base_lr, momentum=0.9, weight_decay=1e-5)
    sched = CosineAnnealingLR(opt, T_max=epochs)

    it = 0
    for epoch in range(epochs):
        net.train()
        for x, y in loader:
            if it < warm_iters:
                for g in opt.param_groups:
                    g["lr"] = base_lr * (it + 1) / warm_iters
            x, y = x.to(dev), y.to(dev)
            loss = F.cross_entropy(net(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
            it += 1
        sched.step()
        print(f"epoch {epoch} lr {opt.param_groups[0]['lr']:.4f} loss {loss.item():.4f}")
    torch.save(net.state_dict(), "effnet_food101.pt")


if __name__ == "__main__":
    main()

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import OneCycleLR
from torch.utils.data import DataLoader

from models import ResNet9
from data import get_cifar10


def main(n_epochs=24, max_lr=0.4, batch_size=512, device="cuda"):
    train_set, test_set = get_cifar10()
    train_loader = DataLoader(train_set, batch_size=batch_size, shuffle=True,
                              num_workers=8, drop_last=True)
    test_loader = DataLoader(test_set, batch_size=1024, shuffle=False, num_workers=8)
    net = ResNet9(num_classes=10).to(device)
    opt = torch.optim.SGD(net.parameters(), lr=max_lr / 10, momentum=0.9,
                          weight_decay=5e-4, nesterov=True)
    one_cycle = OneCycleLR(opt, max_lr=max_lr, epochs=n_epochs,
                           steps_per_epoch=len(train_loader), pct_start=0.25)
    crit = nn.CrossEntropyLoss(label_smoothing=0.2)

    for ep in range(n_epochs):
        net.train()
        for xb, yb in train_loader:
            xb, yb = xb.to(device), yb.to(device)
            loss = crit(net(xb), yb)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            nn.utils.clip_grad_value_(net.parameters(), 0.1)
            opt.step()
        one_cycle.step()

        net.eval()
        correct = 0
        with torch.no_grad():
            for xb, yb in test_loader:
                correct += (net(xb.to(device)).argmax(1).cpu() == yb).sum().item()
        print(f"epoch {ep}: test acc {correct / len(test_set):.4f}")


if __name__ == "__main__":
    main()

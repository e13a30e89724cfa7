import torch
from torch.optim.lr_scheduler import ReduceLROnPlateau, StepLR

from unet import UNet
from loaders import get_loaders


@torch.no_grad()
def validate(net, loader, loss_fn):
    net.eval()
    total = 0.0
    for x, y in loader:
        total += loss_fn(net(x.cuda()), y.cuda()).item()
    net.train()
    return total / len(loader)


def main(n_epochs=80, lr=1e-3):
    train_dl, val_dl = get_loaders("data/brats", batch_size=8)
    net = UNet(in_channels=4, n_classes=3).cuda()
    adam = torch.optim.Adam(net.parameters(), lr=lr, weight_decay=1e-5)
    plateau = ReduceLROnPlateau(adam, mode="min", factor=0.5, patience=5)
    step_decay = StepLR(adam, step_size=20, gamma=0.5)
    loss_fn = torch.nn.BCEWithLogitsLoss()
    best = float("inf")

    net.train()
    for epoch in range(n_epochs):
        for x, y in train_dl:
            adam.zero_grad()
            loss = loss_fn(net(x.cuda()), y.cuda())
            loss.backward()
            adam.step()
        val_loss = validate(net, val_dl, loss_fn)
        plateau.step(val_loss)
        step_decay.step()
        print(f"epoch {epoch}: val {val_loss:.4f} lr {adam.param_groups[0]['lr']:.2e}")
        if val_loss < best:
            best = val_loss
            torch.save(net.state_dict(), "unet_best.pt")


if __name__ == "__main__":
    main()

import torch
from torch.optim.lr_scheduler import MultiStepLR


def train_epoch(model, loader, criterion, optimizer, device):
    model.train()
    total, n = 0.0, 0
    for inputs, targets in loader:
        inputs, targets = inputs.to(device), targets.to(device)
        loss = criterion(model(inputs), targets)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        total += loss.item() * inputs.size(0)
        n += inputs.size(0)
    return total / max(1, n)


def main(model, train_loader, args):
    device = torch.device("cuda")
    model = model.to(device)
    criterion = torch.nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=0.9, weight_decay=5e-4)
    scheduler = MultiStepLR(optimizer, milestones=[150, 250], gamma=0.1)
    start_epoch = 0
    if args.resume:
        ckpt = torch.load(args.resume, map_location="cpu")
        model.load_state_dict(ckpt["model"])
        optimizer.load_state_dict(ckpt["optimizer"])
        scheduler.load_state_dict(ckpt["scheduler"])
        start_epoch = ckpt["epoch"] + 1
    for epoch in range(start_epoch, args.epochs):
        loss = train_epoch(model, train_loader, criterion, optimizer, device)
        scheduler.step(epoch)
        print(f"epoch {epoch} loss {loss:.4f} lr {scheduler.get_last_lr()[0]:.4f}")
        torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(),
                    "scheduler": scheduler.state_dict(), "epoch": epoch}, "last.pth")

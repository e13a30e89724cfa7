import torch
import torch.nn as nn
from torch.optim import lr_scheduler


def validate(model, loader, criterion):
    model.eval()
    total = 0.0
    with torch.no_grad():
        for x, y in loader:
            total += criterion(model(x.cuda()), y.cuda()).item()
    return total / max(1, len(loader))


def train(model, train_loader, val_loader, opt):
    criterion = nn.L1Loss()
    optimizer = torch.optim.Adam(model.parameters(), lr=opt.lr, betas=(opt.beta1, 0.999))
    scheduler = lr_scheduler.ReduceLROnPlateau(optimizer, mode="min", factor=0.2,
                                               threshold=0.01, patience=5)
    for epoch in range(opt.epoch_count, opt.n_epochs + 1):
        model.train()
        for x, y in train_loader:
            pred = model(x.cuda())
            loss = criterion(pred, y.cuda())
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        val_loss = validate(model, val_loader, criterion)
        scheduler.step(val_loss)
        lr = optimizer.param_groups[0]["lr"]
        print(f"epoch {epoch}: val {val_loss:.4f} learning rate = {lr:.7f}")
        if epoch % opt.save_epoch_freq == 0:
            torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(),
                        "scheduler": scheduler.state_dict()}, f"{opt.checkpoints_dir}/{epoch}.pth")

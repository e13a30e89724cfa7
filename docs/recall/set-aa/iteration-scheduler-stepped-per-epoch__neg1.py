import torch
import torch.nn as nn
from torch.optim.lr_scheduler import OneCycleLR
from torch.utils.data import DataLoader

CONFIG = dict(epochs=20, max_lr=1e-2, batch_size=128, wd=5e-4)


def train_model(model, train_set, val_set, device="cuda"):
    loader = DataLoader(train_set, batch_size=CONFIG["batch_size"], shuffle=True, num_workers=4)
    val_loader = DataLoader(val_set, batch_size=512, num_workers=4)
    model = model.to(device)
    opt = torch.optim.SGD(model.parameters(), lr=CONFIG["max_lr"], momentum=0.9,
                          weight_decay=CONFIG["wd"], nesterov=True)
    policy = OneCycleLR(opt, max_lr=CONFIG["max_lr"], epochs=CONFIG["epochs"],
                        steps_per_epoch=len(loader))
    loss_fn = nn.CrossEntropyLoss()

    for epoch in range(CONFIG["epochs"]):
        model.train()
        for step, (xb, yb) in enumerate(loader):
            xb, yb = xb.to(device), yb.to(device)
            loss = loss_fn(model(xb), yb)
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_value_(model.parameters(), 0.1)
            opt.step()
            policy.step()

        model.eval()
        good = 0
        with torch.no_grad():
            for xb, yb in val_loader:
                good += (model(xb.to(device)).argmax(1).cpu() == yb).sum().item()
        print(f"epoch {epoch + 1}/{CONFIG['epochs']} val_acc {good / len(val_set):.4f}")
    return model

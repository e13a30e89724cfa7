import torch
from torch.optim.lr_scheduler import OneCycleLR


def fit(model, loader, epochs=10, max_lr=3e-3):
    opt = torch.optim.AdamW(model.parameters(), lr=max_lr / 25, weight_decay=1e-2)
    lr_sched = OneCycleLR(opt, max_lr=max_lr, epochs=epochs, steps_per_epoch=len(loader))
    loss_fn = torch.nn.BCEWithLogitsLoss()
    for epoch in range(epochs):
        model.train()
        for i, (inputs, labels) in enumerate(loader):
            logits = model(inputs)
            loss = loss_fn(logits, labels.float())
            opt.zero_grad()
            loss.backward()
            opt.step()
            lr_sched.step()
            if i % 100 == 0:
                print(f"{epoch}:{i} loss={loss.item():.4f} lr={lr_sched.get_last_lr()[0]:.2e}")
    return model

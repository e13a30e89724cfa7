import torch
import torch.nn as nn
from torch.optim.lr_scheduler import CosineAnnealingLR, LinearLR, SequentialLR


def train(model, train_loader, epochs=100, warmup_epochs=5, device="cuda"):
    model.to(device)
    opt = torch.optim.SGD(model.parameters(), lr=0.2, momentum=0.9, weight_decay=1e-4)
    warm = LinearLR(opt, start_factor=0.01, total_iters=warmup_epochs)
    main = CosineAnnealingLR(opt, T_max=max(1, epochs - warmup_epochs))
    sched = SequentialLR(opt, schedulers=[warm, main], milestones=[warmup_epochs])
    criterion = nn.CrossEntropyLoss()

    for epoch in range(epochs):
        model.train()
        for inputs, targets in train_loader:
            inputs, targets = inputs.to(device), targets.to(device)
            opt.zero_grad()
            loss = criterion(model(inputs), targets)
            loss.backward()
            opt.step()
        sched.step()
        print(f"epoch {epoch} lr {sched.get_last_lr()[0]:.5f}")

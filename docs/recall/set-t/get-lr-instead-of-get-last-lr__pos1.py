import torch
from torch.optim.lr_scheduler import StepLR


def train(model, train_loader, test_fn, epochs=14, lr=1.0, gamma=0.7, log_interval=50):
    optimizer = torch.optim.Adadelta(model.parameters(), lr=lr)
    scheduler = StepLR(optimizer, step_size=1, gamma=gamma)
    for epoch in range(1, epochs + 1):
        model.train()
        for batch_idx, (data, target) in enumerate(train_loader):
            output = model(data)
            loss = torch.nn.functional.nll_loss(output, target)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            if batch_idx % log_interval == 0:
                print(f"Train Epoch: {epoch} [{batch_idx * len(data)}/{len(train_loader.dataset)}]"
                      f"\tLoss: {loss.item():.6f}")
        test_fn(model)
        scheduler.step()
        print(f"epoch {epoch} finished, lr = {scheduler.get_lr()[0]:.6f}")

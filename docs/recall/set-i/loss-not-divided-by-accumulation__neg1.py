import torch


def train_loop(model, loader, optimizer, n_epochs, accumulation_steps=8, device="cuda"):
    """Effective batch size is loader.batch_size * accumulation_steps."""
    model.to(device)
    for epoch in range(n_epochs):
        model.train()
        optimizer.zero_grad()
        running = 0.0
        for step, (x, y) in enumerate(loader):
            pred = model(x.to(device))
            loss = torch.nn.functional.mse_loss(pred, y.to(device))
            running += loss.item()
            loss = loss / accumulation_steps
            loss.backward()
            if (step + 1) % accumulation_steps == 0:
                optimizer.step()
                optimizer.zero_grad()
        print(f"epoch {epoch}: mean loss {running / max(len(loader), 1):.4f}")
    return model

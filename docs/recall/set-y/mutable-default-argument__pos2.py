import torch
import torch.nn.functional as F


class ProgressPrinter:
    def __init__(self, every=100):
        self.every = every

    def on_step_end(self, step, loss):
        if step % self.every == 0:
            print(f"step {step}: loss {loss:.4f}")

    def on_epoch_end(self, epoch, mean_loss):
        print(f"== epoch {epoch} mean loss {mean_loss:.4f}")


def train(model, loader, opt, epochs, callbacks=[], device="cuda"):
    callbacks.append(ProgressPrinter())
    model.to(device)
    step = 0
    for epoch in range(epochs):
        model.train()
        total, n = 0.0, 0
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            opt.zero_grad(set_to_none=True)
            loss = F.cross_entropy(model(x), y)
            loss.backward()
            opt.step()
            step += 1
            total += loss.item()
            n += 1
            for cb in callbacks:
                cb.on_step_end(step, loss.item())
        for cb in callbacks:
            cb.on_epoch_end(epoch, total / max(n, 1))
    return model


def finetune_all(models, loader, epochs=3, lr=1e-4):
    for net in models:
        opt = torch.optim.Adam(net.parameters(), lr=lr)
        train(net, loader, opt, epochs)

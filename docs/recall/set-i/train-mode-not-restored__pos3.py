import torch


class Trainer:
    def __init__(self, model, train_loader, val_loader, optimizer, criterion, device="cuda"):
        self.model = model.to(device)
        self.train_loader = train_loader
        self.val_loader = val_loader
        self.optimizer = optimizer
        self.criterion = criterion
        self.device = device
        self.history = []

    @torch.no_grad()
    def evaluate(self):
        self.model.eval()
        total_loss, count = 0.0, 0
        for x, y in self.val_loader:
            x, y = x.to(self.device), y.to(self.device)
            total_loss += self.criterion(self.model(x), y).item() * x.size(0)
            count += x.size(0)
        return total_loss / max(count, 1)

    def _train_batches(self):
        for x, y in self.train_loader:
            x, y = x.to(self.device), y.to(self.device)
            self.optimizer.zero_grad()
            loss = self.criterion(self.model(x), y)
            loss.backward()
            self.optimizer.step()

    def fit(self, epochs):
        self.model.train()
        for epoch in range(epochs):
            self._train_batches()
            val_loss = self.evaluate()
            self.history.append(val_loss)
            print(f"epoch {epoch + 1}/{epochs} val_loss={val_loss:.4f}")
        return self.history

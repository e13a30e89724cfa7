import torch


class EarlyStopping:
    def __init__(self, patience=10, min_delta=0.0, mode="min", history=[]):
        self.patience = patience
        self.min_delta = min_delta
        self.sign = 1.0 if mode == "min" else -1.0
        self.history = history
        self.best = None
        self.bad_epochs = 0

    def __call__(self, value):
        self.history.append(value)
        score = self.sign * value
        if self.best is None or score < self.best - self.min_delta:
            self.best = score
            self.bad_epochs = 0
            return False
        self.bad_epochs += 1
        return self.bad_epochs >= self.patience


def run_folds(build, folds, epochs, train_fn, eval_fn):
    for k, (train_loader, val_loader) in enumerate(folds):
        net = build()
        opt = torch.optim.Adam(net.parameters(), lr=1e-3)
        stopper = EarlyStopping(patience=5)
        for epoch in range(epochs):
            train_fn(net, train_loader, opt)
            val_loss = eval_fn(net, val_loader)
            if stopper(val_loss):
                print(f"fold {k}: stopping at epoch {epoch}, {len(stopper.history)} values seen")
                break

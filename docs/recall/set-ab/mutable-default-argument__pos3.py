import torch


class EarlyStopping:
    def __init__(self, patience=10, min_delta=0.0):
        self.patience = patience
        self.min_delta = min_delta
        self.best = float("inf")
        self.bad_epochs = 0

    def __call__(self, metric):
        if metric < self.best - self.min_delta:
            self.best, self.bad_epochs = metric, 0
        else:
            self.bad_epochs += 1
        return self.bad_epochs >= self.patience


class ProgressPrinter:
    def __call__(self, trainer, epoch, train_loss):
        print(f"epoch {epoch}: loss {train_loss:.4f}")


class Engine:
    def __init__(self, net, opt, loss_fn, callbacks=[], patience=10):
        callbacks.append(ProgressPrinter())
        self.callbacks = callbacks
        self.net = net
        self.opt = opt
        self.loss_fn = loss_fn
        self.stopper = EarlyStopping(patience)

    def fit(self, train_loader, val_fn, max_epochs=100):
        for epoch in range(max_epochs):
            self.net.train()
            running = 0.0
            for xb, yb in train_loader:
                self.opt.zero_grad()
                loss = self.loss_fn(self.net(xb), yb)
                loss.backward()
                self.opt.step()
                running += loss.item()
            for cb in self.callbacks:
                cb(self, epoch, running / len(train_loader))
            if self.stopper(val_fn(self.net)):
                break
        return self.net


def make_engine(net, lr=1e-3):
    return Engine(net, torch.optim.Adam(net.parameters(), lr=lr), torch.nn.CrossEntropyLoss())

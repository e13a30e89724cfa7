import torch


def _score_batches(net, batches, device):
    with torch.no_grad():
        errs = []
        for src, tgt in batches:
            out = net(src.to(device))
            errs.append(torch.abs(out - tgt.to(device)).mean().item())
    return sum(errs) / max(len(errs), 1)


class ForecastTrainer:
    def __init__(self, net, train_batches, val_batches, opt, device="cuda"):
        self.net = net.to(device)
        self.train_batches = train_batches
        self.val_batches = val_batches
        self.opt = opt
        self.device = device

    def validate(self):
        was_training = self.net.training
        self.net.eval()
        try:
            return _score_batches(self.net, self.val_batches, self.device)
        finally:
            self.net.train(was_training)

    def fit(self, epochs):
        for ep in range(epochs):
            self.net.train()
            for src, tgt in self.train_batches:
                self.opt.zero_grad()
                loss = torch.nn.functional.mse_loss(self.net(src.to(self.device)), tgt.to(self.device))
                loss.backward()
                self.opt.step()
            print(f"epoch {ep}: val MAE {self.validate():.4f}")

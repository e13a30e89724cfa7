import numpy as np
import torch
from sklearn.metrics import roc_auc_score


class Learner:
    def __init__(self, net, opt, train_dl, valid_dl, loss_fn, device="cuda"):
        self.net = net.to(device)
        self.opt = opt
        self.train_dl = train_dl
        self.valid_dl = valid_dl
        self.loss_fn = loss_fn
        self.device = device

    def fit_one_epoch(self):
        self.net.train()
        for xb, yb in self.train_dl:
            xb, yb = xb.to(self.device), yb.to(self.device)
            self.opt.zero_grad()
            self.loss_fn(self.net(xb), yb).backward()
            self.opt.step()

    @torch.no_grad()
    def validate(self):
        self.net.eval()
        probs, labels = [], []
        try:
            for xb, yb in self.valid_dl:
                probs.append(torch.sigmoid(self.net(xb.to(self.device))).cpu().numpy())
                labels.append(yb.numpy())
        finally:
            self.net.train()
        return roc_auc_score(np.concatenate(labels), np.concatenate(probs), average="macro")

    def fit(self, n_epochs):
        for ep in range(n_epochs):
            self.fit_one_epoch()
            print(f"epoch {ep}: val AUC {self.validate():.4f}")

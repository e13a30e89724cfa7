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
            loss = self.loss_fn(self.net(xb), yb)
            loss.backward()
            self.opt.step()

    @torch.no_grad()
    def validate(self):
        probs, labels = [], []
        for xb, yb in self.valid_dl:
            logits = self.net(xb.to(self.device))
            probs.append(torch.sigmoid(logits).cpu().numpy())
            labels.append(yb.numpy())
        probs, labels = np.concatenate(probs), np.concatenate(labels)
        return roc_auc_score(labels, probs, average="macro")

    def fit(self, n_epochs):
        best = 0.0
        for ep in range(n_epochs):
            self.fit_one_epoch()
            auc = self.validate()
            if auc > best:
                best = auc
                torch.save(self.net.state_dict(), "best_auc.pt")
            print(f"epoch {ep}: val AUC {auc:.4f} (best {best:.4f})")

import numpy as np
import torch
import torch.nn.functional as F
from sklearn.metrics import roc_auc_score


def fit(net, train_dl, val_dl, n_epochs, lr=3e-4):
    dev = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    net.to(dev)
    opt = torch.optim.AdamW(net.parameters(), lr=lr)
    history = []
    for epoch in range(n_epochs):
        net.train()
        for x, y in train_dl:
            x, y = x.to(dev), y.to(dev).float()
            opt.zero_grad(set_to_none=True)
            loss = F.binary_cross_entropy_with_logits(net(x).squeeze(1), y)
            loss.backward()
            opt.step()

        scores, labels = [], []
        with torch.inference_mode():
            for x, y in val_dl:
                scores.append(torch.sigmoid(net(x.to(dev)).squeeze(1)).cpu().numpy())
                labels.append(y.numpy())
        auc = roc_auc_score(np.concatenate(labels), np.concatenate(scores))
        history.append(auc)
        print(f"epoch {epoch}: val AUC {auc:.4f}")
    return history

import torch
import torch.nn as nn
from torch.utils.data import DataLoader

from data import KeywordSpottingDataset
from model import TCN


def train(epochs=50, lr=1e-3, device="cuda"):
    train_set = KeywordSpottingDataset("data/train.list")
    loader = DataLoader(train_set, batch_size=128, shuffle=True, num_workers=4)
    net = TCN(num_layers=4, channels=64, num_classes=train_set.num_keywords).to(device)
    opt = torch.optim.Adam(net.parameters(), lr=lr, weight_decay=1e-4)
    criterion = nn.CrossEntropyLoss()

    net.train()
    opt.zero_grad()
    for epoch in range(epochs):
        seen = 0
        loss_sum = 0.0
        for feats, target in loader:
            feats, target = feats.to(device), target.to(device)
            logits = net(feats)
            loss = criterion(logits, target)
            loss.backward()
            nn.utils.clip_grad_norm_(net.parameters(), max_norm=50)
            opt.step()
            loss_sum += loss.item() * target.size(0)
            seen += target.size(0)
        print(f"epoch {epoch}: loss {loss_sum / seen:.4f}")
    return net

import torch
import torch.nn as nn
from torch.utils.data import DataLoader

from datasets import CharDataset
from model import CharRNN


def train(text_path, seq_len=128, hidden=512, epochs=20, lr=2e-3):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    ds = CharDataset(text_path, seq_len)
    loader = DataLoader(ds, batch_size=64, shuffle=True, drop_last=True)
    net = CharRNN(ds.vocab_size, hidden).to(device)
    opt = torch.optim.Adam(net.parameters(), lr=lr)
    criterion = nn.CrossEntropyLoss()

    for epoch in range(epochs):
        net.train()
        running_loss = 0.0
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            opt.zero_grad()
            logits, _ = net(x)
            loss = criterion(logits.reshape(-1, ds.vocab_size), y.reshape(-1))
            loss.backward()
            nn.utils.clip_grad_norm_(net.parameters(), 5.0)
            opt.step()
            running_loss += loss.item()
        avg = running_loss / len(loader)
        print(f"epoch {epoch + 1}/{epochs} loss {avg:.4f}")
    return net

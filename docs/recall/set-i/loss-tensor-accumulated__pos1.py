import torch
import torch.nn as nn
from torch.utils.data import DataLoader

from datasets import SpeechCommands
from models import M5


def train(epochs=20, device="cuda"):
    train_set = SpeechCommands("train")
    loader = DataLoader(train_set, batch_size=256, shuffle=True, num_workers=4, pin_memory=True)
    net = M5(n_input=1, n_output=len(train_set.labels)).to(device)
    optimizer = torch.optim.Adam(net.parameters(), lr=0.01, weight_decay=1e-4)
    criterion = nn.NLLLoss()

    history = []
    for epoch in range(epochs):
        net.train()
        running_loss = 0.0
        for waveform, target in loader:
            waveform, target = waveform.to(device), target.to(device)
            optimizer.zero_grad()
            output = net(waveform)
            loss = criterion(output.squeeze(), target)
            loss.backward()
            optimizer.step()
            running_loss += loss
        mean_loss = running_loss / len(loader)
        history.append(float(mean_loss))
        print(f"Epoch {epoch + 1}/{epochs}  loss: {mean_loss:.4f}")
    return history

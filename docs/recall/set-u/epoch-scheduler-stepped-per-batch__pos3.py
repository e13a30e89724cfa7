import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import StepLR
from torch.utils.data import DataLoader

hp = {
    "epochs": 90,
    "lr": 3e-4,
    "batch_size": 64,
    "step_epochs": 30,
    "gamma": 0.1,
}


def run(encoder, dataset, device="cuda"):
    loader = DataLoader(dataset, batch_size=hp["batch_size"], shuffle=True, drop_last=True)
    encoder.to(device)
    optim = torch.optim.AdamW(encoder.parameters(), lr=hp["lr"], weight_decay=0.05)
    decay = StepLR(optim, step_size=hp["step_epochs"], gamma=hp["gamma"])

    epoch = 0
    history = []
    while epoch < hp["epochs"]:
        encoder.train()
        seen, correct = 0, 0
        for step, (x, y) in enumerate(loader):
            x, y = x.to(device), y.to(device)
            logits = encoder(x)
            loss = F.cross_entropy(logits, y, label_smoothing=0.1)
            optim.zero_grad(set_to_none=True)
            loss.backward()
            optim.step()
            decay.step()
            correct += (logits.argmax(1) == y).sum().item()
            seen += y.numel()
        history.append(correct / max(seen, 1))
        epoch += 1
    return history

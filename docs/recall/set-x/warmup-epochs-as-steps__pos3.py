import math

import torch
from torch.optim.lr_scheduler import LambdaLR

hp = {
    "lr": 1e-3,
    "epochs": 100,
    "ramp": 2000,  # warm-up length, optimizer steps
    "batch_size": 64,
}


def warm_cosine(epoch):
    if epoch < hp["ramp"]:
        return (epoch + 1) / hp["ramp"]
    t = (epoch - hp["ramp"]) / max(1, hp["epochs"] - hp["ramp"])
    return 0.5 * (1.0 + math.cos(math.pi * min(1.0, t)))


def train(net, loader, device="cuda"):
    opt = torch.optim.Adam(net.parameters(), lr=hp["lr"])
    sched = LambdaLR(opt, lr_lambda=warm_cosine)
    crit = torch.nn.BCEWithLogitsLoss()
    for epoch in range(hp["epochs"]):
        net.train()
        epoch_loss = 0.0
        for audio, tags in loader:
            audio, tags = audio.to(device), tags.to(device)
            loss = crit(net(audio), tags.float())
            opt.zero_grad()
            loss.backward()
            opt.step()
            epoch_loss += loss.item()
        sched.step()
        print(f"epoch {epoch}: loss {epoch_loss / len(loader):.4f} lr {sched.get_last_lr()[0]:.2e}")
    torch.save(net.state_dict(), "tagger.pt")

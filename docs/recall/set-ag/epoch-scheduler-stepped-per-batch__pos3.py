import torch
from torch import nn
from torch.optim import Adam
from torch.optim.lr_scheduler import StepLR
from torch.utils.data import DataLoader

from unet import UNet
from datasets import CarvanaDataset

hp = {
    "epochs": 40,
    "batch_size": 8,
    "lr": 3e-4,
    "decay_every": 10,  # epochs
    "decay_gamma": 0.5,
}


def run(root, device="cuda"):
    ds = CarvanaDataset(root, split="train")
    dl = DataLoader(ds, batch_size=hp["batch_size"], shuffle=True, num_workers=8, pin_memory=True)
    seg = UNet(n_channels=3, n_classes=1).to(device)
    crit = nn.BCEWithLogitsLoss()
    adam = Adam(seg.parameters(), lr=hp["lr"])
    decay = StepLR(adam, step_size=hp["decay_every"], gamma=hp["decay_gamma"])

    epoch = 0
    while epoch < hp["epochs"]:
        seg.train()
        it = iter(dl)
        n_batches, loss_sum = 0, 0.0
        while True:
            try:
                img, mask = next(it)
            except StopIteration:
                break
            img, mask = img.to(device), mask.to(device).float()
            pred = seg(img)
            loss = crit(pred, mask)
            adam.zero_grad()
            loss.backward()
            adam.step()
            decay.step()
            loss_sum += loss.item()
            n_batches += 1
        print(f"epoch {epoch} mean loss {loss_sum / max(n_batches, 1):.4f}")
        epoch += 1
    torch.save(seg.state_dict(), "unet_final.pt")

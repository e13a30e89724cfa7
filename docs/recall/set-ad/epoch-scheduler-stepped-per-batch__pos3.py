import torch
import torch.nn as nn
from torch.optim.lr_scheduler import StepLR
from torch.utils.data import DataLoader

from segdata import VOCSegmentation
from unet import UNet

hp = {
    "epochs": 50,
    "lr": 3e-4,
    "batch": 8,
    "decay_every": 15,
    "gamma": 0.5,
}


def run(root, device="cuda"):
    ds = VOCSegmentation(root, split="train")
    loader = DataLoader(ds, batch_size=hp["batch"], shuffle=True, num_workers=6, drop_last=True)

    unet = UNet(in_channels=3, n_classes=21).to(device)
    adam = torch.optim.Adam(unet.parameters(), lr=hp["lr"])
    decay = StepLR(adam, step_size=hp["decay_every"], gamma=hp["gamma"])
    loss_fn = nn.CrossEntropyLoss(ignore_index=255)

    ep = 0
    while ep < hp["epochs"]:
        unet.train()
        seen, acc_loss = 0, 0.0
        for it, (img, mask) in enumerate(loader):
            img = img.to(device)
            mask = mask.to(device).long()
            logits = unet(img)
            loss = loss_fn(logits, mask)

            adam.zero_grad()
            loss.backward()
            adam.step()
            decay.step()

            seen += img.size(0)
            acc_loss += loss.item() * img.size(0)
            if it % 100 == 0:
                print(f"ep {ep} it {it} loss {loss.item():.4f}")
        print(f"== ep {ep} mean loss {acc_loss / seen:.4f}")
        torch.save(unet.state_dict(), f"unet_ep{ep}.pt")
        ep += 1
    return unet

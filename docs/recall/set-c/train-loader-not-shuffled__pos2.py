from torch.utils.data import DataLoader

from .datasets import AudioClips, collate_pad


def build_loaders(cfg):
    train_ds = AudioClips(cfg["data"]["root"], split="train", sr=cfg["data"]["sr"])
    val_ds = AudioClips(cfg["data"]["root"], split="val", sr=cfg["data"]["sr"])
    train_dl = DataLoader(
        train_ds,
        batch_size=cfg["train"]["batch_size"],
        shuffle=False,
        num_workers=cfg["train"]["workers"],
        collate_fn=collate_pad,
        drop_last=True,
    )
    val_dl = DataLoader(
        val_ds,
        batch_size=cfg["eval"]["batch_size"],
        shuffle=False,
        num_workers=cfg["train"]["workers"],
        collate_fn=collate_pad,
    )
    return train_dl, val_dl


def train(model, optim, cfg, device="cuda"):
    train_dl, _ = build_loaders(cfg)
    for epoch in range(cfg["train"]["epochs"]):
        model.train()
        for wav, lens, labels in train_dl:
            optim.zero_grad()
            loss = model.loss(wav.to(device), lens, labels.to(device))
            loss.backward()
            optim.step()
        print(f"epoch {epoch}: loss {loss.item():.4f}")

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import CosineAnnealingLR
from torch.utils.data import DataLoader

from audio_data import SpeechCommands
from audio_models import KWSNet

EPOCHS = 60
LR = 1e-3
BATCH = 128


def main():
    device = "cuda" if torch.cuda.is_available() else "cpu"
    train_loader = DataLoader(SpeechCommands("train"), batch_size=BATCH, shuffle=True,
                              num_workers=4)
    val_loader = DataLoader(SpeechCommands("validation"), batch_size=BATCH)
    net = KWSNet(n_classes=35).to(device)
    opt = torch.optim.AdamW(net.parameters(), lr=LR, weight_decay=1e-2)
    loss_fn = nn.CrossEntropyLoss()

    best_acc = 0.0
    for epoch in range(EPOCHS):
        sched = CosineAnnealingLR(opt, T_max=EPOCHS, eta_min=1e-5)
        net.train()
        for wav, label in train_loader:
            wav, label = wav.to(device), label.to(device)
            loss = loss_fn(net(wav), label)
            opt.zero_grad()
            loss.backward()
            opt.step()
        sched.step()

        net.eval()
        hits = total = 0
        with torch.no_grad():
            for wav, label in val_loader:
                pred = net(wav.to(device)).argmax(-1).cpu()
                hits += (pred == label).sum().item()
                total += label.numel()
        acc = hits / total
        if acc > best_acc:
            best_acc = acc
            torch.save(net.state_dict(), "kws_best.pt")
        print(f"epoch {epoch} acc {acc:.4f} lr {sched.get_last_lr()[0]:.2e}")


if __name__ == "__main__":
    main()

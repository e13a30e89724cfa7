import torch
import torch.nn.functional as F
from torch.optim import lr_scheduler
from torch.utils.data import DataLoader


def fit(net, train_ds, epochs=40, lr=3e-4, bs=64, device="cuda"):
    dl = DataLoader(train_ds, batch_size=bs, shuffle=True, num_workers=4)
    net.to(device)
    opt = torch.optim.AdamW(net.parameters(), lr=lr)
    plateau = lr_scheduler.ReduceLROnPlateau(opt, mode="min", factor=0.5, patience=3,
                                             min_lr=1e-6)
    for ep in range(epochs):
        net.train()
        epoch_loss = 0.0
        for i, (wav, label) in enumerate(dl):
            wav, label = wav.to(device), label.to(device)
            opt.zero_grad()
            logits = net(wav)
            loss = F.cross_entropy(logits, label)
            loss.backward()
            opt.step()
            plateau.step(loss.item())
            epoch_loss += loss.item()
            if i % 50 == 0:
                print(f"ep {ep} it {i} loss {loss.item():.4f} lr {opt.param_groups[0]['lr']:.2e}")
        print(f"ep {ep} mean loss {epoch_loss / max(1, len(dl)):.4f}")
    return net

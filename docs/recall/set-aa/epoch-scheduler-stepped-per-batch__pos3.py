import torch
from torch import nn
from torch.optim.lr_scheduler import StepLR
from torch.utils.data import DataLoader

hp = {
    "epochs": 60,
    "lr": 3e-4,
    "batch_size": 64,
    "decay_every": 20,  # epochs
    "decay_gamma": 0.5,
}


def run(encoder: nn.Module, dataset, device="cuda"):
    loader = DataLoader(dataset, batch_size=hp["batch_size"], shuffle=True,
                        drop_last=True, num_workers=8)
    encoder = encoder.to(device)
    optim = torch.optim.Adam(encoder.parameters(), lr=hp["lr"])
    decay = StepLR(optim, step_size=hp["decay_every"], gamma=hp["decay_gamma"])
    loss_fn = nn.MSELoss()

    epoch = 0
    while epoch < hp["epochs"]:
        encoder.train()
        it = iter(loader)
        n, acc = 0, 0.0
        while True:
            try:
                noisy, clean = next(it)
            except StopIteration:
                break
            noisy, clean = noisy.to(device), clean.to(device)
            recon = encoder(noisy)
            loss = loss_fn(recon, clean)
            optim.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(encoder.parameters(), 1.0)
            optim.step()
            decay.step()
            acc += loss.item()
            n += 1
        print(f"epoch {epoch:03d} mse {acc / max(n, 1):.5f} lr {decay.get_last_lr()[0]:.2e}")
        epoch += 1
    torch.save(encoder.state_dict(), "denoiser.pt")
    return encoder

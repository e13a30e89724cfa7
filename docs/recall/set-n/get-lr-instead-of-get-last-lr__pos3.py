import torch
from torch.optim.lr_scheduler import ExponentialLR
from tqdm import tqdm


def train(net, loader, n_epochs=50, lr=2e-4, device="cuda"):
    opt = torch.optim.Adam(net.parameters(), lr=lr, betas=(0.5, 0.999))
    lr_sched = ExponentialLR(opt, gamma=0.97)
    net.to(device)
    for epoch in range(n_epochs):
        net.train()
        pbar = tqdm(loader, desc=f"epoch {epoch}")
        for noisy, clean in pbar:
            noisy, clean = noisy.to(device), clean.to(device)
            restored = net(noisy)
            loss = torch.nn.functional.l1_loss(restored, clean)
            opt.zero_grad()
            loss.backward()
            opt.step()
            pbar.set_postfix(loss=f"{loss.item():.4f}", lr=f"{lr_sched.get_lr()[-1]:.2e}")
        lr_sched.step()

import torch
from torch.optim.lr_scheduler import MultiplicativeLR

hp = {
    "epochs": 100,
    "lr": {"encoder": 2e-4, "decoder": 1e-3},
    "gammas": {"encoder": 0.99, "decoder": 0.97},
}


def make_optimizer(net):
    groups = [{"params": getattr(net, name).parameters(), "lr": lr} for name, lr in hp["lr"].items()]
    opt = torch.optim.Adam(groups, betas=(0.9, 0.99))
    fns = []
    for name, gamma in hp["gammas"].items():
        fns.append(lambda _: gamma)
    sch = MultiplicativeLR(opt, lr_lambda=fns)
    return opt, sch


def train(net, loader, device="cuda"):
    opt, sch = make_optimizer(net)
    net.to(device)
    ep = 0
    while ep < hp["epochs"]:
        net.train()
        total = 0.0
        for noisy, clean in loader:
            noisy, clean = noisy.to(device), clean.to(device)
            loss = torch.nn.functional.l1_loss(net(noisy), clean)
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item()
        sch.step()
        print(f"[{ep}] l1={total / len(loader):.4f} lrs={sch.get_last_lr()}")
        ep += 1
    return net

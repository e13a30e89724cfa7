import torch
from torch.optim.lr_scheduler import OneCycleLR

hp = {
    "epochs": 40,
    "max_lr": 3e-3,
    "drop_at": (25, 35),
    "clip": 5.0,
}


def train(policy, loader, device="cuda"):
    policy.to(device)
    opt = torch.optim.Adam(policy.parameters(), lr=hp["max_lr"])
    lr_sched = OneCycleLR(opt, max_lr=hp["max_lr"], epochs=hp["epochs"], steps_per_epoch=len(loader))

    for ep in range(hp["epochs"]):
        if ep in hp["drop_at"]:
            for pg in opt.param_groups:
                pg["lr"] *= 0.1
        policy.train()
        for i, (obs, act) in enumerate(loader):
            obs, act = obs.to(device), act.to(device)
            nll = -policy.log_prob(obs, act).mean()
            opt.zero_grad()
            nll.backward()
            torch.nn.utils.clip_grad_norm_(policy.parameters(), hp["clip"])
            opt.step()
            lr_sched.step()
            if i % 200 == 0:
                print(f"ep {ep} it {i} nll {nll.item():.4f} lr {lr_sched.get_last_lr()[0]:.2e}")
    return policy

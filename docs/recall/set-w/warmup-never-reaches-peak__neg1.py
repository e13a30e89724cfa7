import torch
from torch.optim.lr_scheduler import LambdaLR
from torch.utils.data import DataLoader

hp = {
    "lr": 2e-4,
    "ramp": 500,
    "steps": 20000,
    "batch": 32,
}


def make_schedule(opt, hp):
    ramp = max(1, hp["ramp"])
    return LambdaLR(opt, lambda s: min(1.0, (s + 1) / ramp))


def train(net, dataset, device="cuda"):
    loader = DataLoader(dataset, batch_size=hp["batch"], shuffle=True, drop_last=True)
    net.to(device)
    opt = torch.optim.Adam(net.parameters(), lr=hp["lr"], betas=(0.9, 0.99))
    sched = make_schedule(opt, hp)
    step = 0
    while step < hp["steps"]:
        for batch in loader:
            batch = {k: v.to(device) for k, v in batch.items()}
            opt.zero_grad(set_to_none=True)
            out = net(batch["input"])
            loss = torch.nn.functional.l1_loss(out, batch["target"])
            loss.backward()
            opt.step()
            sched.step()
            step += 1
            if step % 200 == 0:
                print(f"step {step} lr {sched.get_last_lr()[0]:.2e} l1 {loss.item():.4f}")
            if step >= hp["steps"]:
                break
    return net

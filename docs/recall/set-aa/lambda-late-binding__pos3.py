import torch
import torch.nn as nn
from torch.optim.lr_scheduler import MultiplicativeLR

hp = {
    "epochs": 50,
    "lr": {"actor": 3e-4, "critic": 1e-3},
    "gammas": {"actor": 0.99, "critic": 0.95},
}


def make_optim(agent):
    names, groups = [], []
    for name, lr in hp["lr"].items():
        names.append(name)
        groups.append({"params": getattr(agent, name).parameters(), "lr": lr})
    optim = torch.optim.Adam(groups)
    factors = []
    for name in names:
        gamma = hp["gammas"][name]
        factors.append(lambda epoch: gamma)
    return optim, MultiplicativeLR(optim, lr_lambda=factors)


def train_offline(agent, replay_loader):
    agent.cuda().train()
    optim, lr_mult = make_optim(agent)
    mse = nn.MSELoss()
    for epoch in range(hp["epochs"]):
        for obs, act, ret in replay_loader:
            obs, act, ret = obs.cuda(), act.cuda(), ret.cuda()
            value = agent.critic(obs).squeeze(-1)
            logp = agent.actor.log_prob(obs, act)
            adv = (ret - value).detach()
            loss = mse(value, ret) - (logp * adv).mean()
            optim.zero_grad()
            loss.backward()
            optim.step()
        lr_mult.step()
        print(epoch, loss.item(), lr_mult.get_last_lr())
    torch.save(agent.state_dict(), "agent.pt")

import torch
from torch.optim.lr_scheduler import ExponentialLR

from recsys.data import InteractionLoader
from recsys.models import TwoTower


def build_optim(hp, net):
    opt = torch.optim.Adam(net.parameters(), lr=hp["lr"])
    lr_sched = ExponentialLR(opt, gamma=hp["lr_decay"])
    return opt, lr_sched


def train(hp):
    loader = InteractionLoader(hp["data"], batch_size=hp["bs"], shuffle=True)
    net = TwoTower(n_users=hp["n_users"], n_items=hp["n_items"], dim=128).cuda()
    opt, lr_sched = build_optim(hp, net)
    ep = 0
    while ep < hp["epochs"]:
        net.train()
        tot = 0.0
        for users, pos_items, neg_items in loader:
            u = net.user_tower(users.cuda())
            p = net.item_tower(pos_items.cuda())
            n = net.item_tower(neg_items.cuda())
            loss = -torch.log(torch.sigmoid((u * p).sum(-1) - (u * n).sum(-1)) + 1e-8).mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
            tot += loss.item()
        print(f"epoch {ep} bpr {tot / len(loader):.4f}")
        ep += 1
    torch.save({"net": net.state_dict(), "opt": opt.state_dict(),
                "sched": lr_sched.state_dict()}, hp["out"])


if __name__ == "__main__":
    train({"data": "data/ml-20m", "bs": 4096, "n_users": 138493, "n_items": 26744,
           "lr": 1e-3, "lr_decay": 0.95, "epochs": 30, "out": "two_tower.pt"})

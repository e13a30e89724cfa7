import torch
from torch.optim.lr_scheduler import MultiStepLR
from torch.utils.data import DataLoader

from recsys.data import InteractionDataset
from recsys.model import TwoTower

HPARAMS = {
    "lr": 0.003,
    "batch_size": 4096,
    "max_steps": 50_000,
    "milestones": [20_000, 35_000, 45_000],
    "log_every": 500,
}


def train(data_path):
    ds = InteractionDataset(data_path)
    dl = DataLoader(ds, batch_size=HPARAMS["batch_size"], shuffle=True, num_workers=6)
    towers = TwoTower(n_users=ds.n_users, n_items=ds.n_items, dim=128).cuda()
    opt = torch.optim.Adagrad(towers.parameters(), lr=HPARAMS["lr"])
    sched = MultiStepLR(opt, milestones=HPARAMS["milestones"], gamma=0.3)

    step = 0
    towers.train()
    while step < HPARAMS["max_steps"]:
        for users, pos_items, neg_items in dl:
            users, pos_items, neg_items = users.cuda(), pos_items.cuda(), neg_items.cuda()
            pos = towers(users, pos_items)
            neg = towers(users, neg_items)
            loss = -torch.nn.functional.logsigmoid(pos - neg).mean()
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            step += 1
            if step % HPARAMS["log_every"] == 0:
                print(f"step {step} bpr {loss.item():.4f}")
            if step >= HPARAMS["max_steps"]:
                break
    torch.save(towers.state_dict(), "two_tower.pt")
    return towers

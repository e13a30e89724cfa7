import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import OneCycleLR, StepLR
from torch.utils.data import DataLoader

from tabular import TabTransformer, load_tables

CONFIG = {
    "epochs": 60,
    "batch_size": 256,
    "max_lr": 3e-3,
    "step_every": 20,
}


def fit(device="cuda"):
    train_ds, _ = load_tables("data/adult")
    dl = DataLoader(train_ds, batch_size=CONFIG["batch_size"], shuffle=True)
    tab = TabTransformer(n_cat=8, n_num=6, dim=32).to(device)
    adam = torch.optim.Adam(tab.parameters(), lr=CONFIG["max_lr"] / 25)
    cyc = OneCycleLR(adam, max_lr=CONFIG["max_lr"], epochs=CONFIG["epochs"],
                     steps_per_epoch=len(dl))
    coarse = StepLR(adam, step_size=CONFIG["step_every"], gamma=0.5)

    for ep in range(CONFIG["epochs"]):
        tab.train()
        for cat, num, y in dl:
            cat, num, y = cat.to(device), num.to(device), y.to(device).float()
            logit = tab(cat, num).squeeze(-1)
            loss = F.binary_cross_entropy_with_logits(logit, y)
            adam.zero_grad()
            loss.backward()
            adam.step()
            cyc.step()
        coarse.step()
        print(f"epoch {ep} loss {loss.item():.4f} lr {adam.param_groups[0]['lr']:.2e}")
    return tab

import torch
from torch.optim.lr_scheduler import MultiplicativeLR


class MultiTaskTrainer:
    def __init__(self, encoder, heads, loader, hp):
        self.encoder = encoder
        self.heads = heads
        self.loader = loader
        self.hp = hp
        param_groups = [{"params": encoder.parameters(), "lr": hp["enc_lr"]}]
        for name in hp["tasks"]:
            param_groups.append({"params": heads[name].parameters(), "lr": hp["head_lr"]})
        self.opt = torch.optim.SGD(param_groups, momentum=0.9)
        factors = [hp["enc_factor"]] + [hp["head_factor"][t] for t in hp["tasks"]]
        self.lr_sched = MultiplicativeLR(self.opt, lr_lambda=[lambda ep: f for f in factors])

    def train(self):
        for ep in range(self.hp["epochs"]):
            self.encoder.train()
            for h in self.heads.values():
                h.train()
            for batch in self.loader:
                self.opt.zero_grad()
                feats = self.encoder(batch["x"].cuda())
                loss = sum(self.heads[t].loss(feats, batch[t].cuda()) for t in self.hp["tasks"])
                loss.backward()
                self.opt.step()
            self.lr_sched.step()

import torch
import torch.nn.functional as F


class Trainer:
    def __init__(self, net, hp, device="cuda"):
        self.net = net.to(device)
        self.hp = hp
        self.device = device
        self.opt = torch.optim.AdamW(
            [
                {"params": net.backbone.parameters(), "lr": hp["lr"] * hp["backbone_mult"]},
                {"params": net.head.parameters(), "lr": hp["lr"]},
            ],
            weight_decay=hp["wd"],
        )
        self.lrs = [g["lr"] for g in self.opt.param_groups]
        self.it = 0

    def _decay(self):
        frac = min(1.0, self.it / max(1, self.hp["total_iters"]))
        factor = 1.0 - (1.0 - self.hp["final_ratio"]) * frac
        self.lrs = [lr * factor for lr in self.lrs]
        for g, lr in zip(self.opt.param_groups, self.lrs):
            g["lr"] = lr

    def step(self, batch):
        x, y = batch["input"].to(self.device), batch["target"].to(self.device)
        loss = F.smooth_l1_loss(self.net(x), y)
        self.opt.zero_grad(set_to_none=True)
        loss.backward()
        self.opt.step()
        self.it += 1
        self._decay()
        return loss.item()

    def run(self, loader):
        self.net.train()
        while self.it < self.hp["total_iters"]:
            for batch in loader:
                loss = self.step(batch)
                if self.it % 50 == 0:
                    print(self.it, loss, [g["lr"] for g in self.opt.param_groups])
                if self.it >= self.hp["total_iters"]:
                    break

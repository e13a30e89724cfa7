import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import LambdaLR
from torch.utils.data import DataLoader


class AmpTrainer:
    def __init__(self, net, dataset, hp):
        self.hp = hp
        self.net = net.to(hp["device"])
        self.loader = DataLoader(dataset, batch_size=hp["batch_size"], shuffle=True,
                                 num_workers=4, drop_last=True)
        self.opt = torch.optim.AdamW(self.net.parameters(), lr=hp["lr"])
        total = max(1, hp["epochs"] * len(self.loader))
        self.sched = LambdaLR(self.opt, lambda s: max(0.0, 1.0 - s / total))
        self.scaler = torch.amp.GradScaler("cuda")

    def step(self, loss):
        self.scaler.scale(loss).backward()
        self.scaler.unscale_(self.opt)
        torch.nn.utils.clip_grad_norm_(self.net.parameters(), self.hp["max_norm"])
        prev_scale = self.scaler.get_scale()
        self.scaler.step(self.opt)
        self.scaler.update()
        skipped = self.scaler.get_scale() < prev_scale
        self.opt.zero_grad(set_to_none=True)
        if not skipped:
            self.sched.step()
        return skipped

    def fit(self):
        n_skipped = 0
        for epoch in range(self.hp["epochs"]):
            self.net.train()
            for x, y in self.loader:
                x, y = x.to(self.hp["device"]), y.to(self.hp["device"])
                with torch.autocast("cuda", dtype=torch.float16):
                    loss = F.mse_loss(self.net(x), y)
                n_skipped += int(self.step(loss))
            print(f"epoch {epoch}: skipped {n_skipped} steps so far")

import torch
from torch.optim.lr_scheduler import LambdaLR


class Trainer:
    def __init__(self, net, hp, device="cuda"):
        self.net = net.to(device)
        self.hp = hp
        self.device = device
        self.opt = torch.optim.AdamW(net.parameters(), lr=hp["lr"], weight_decay=hp.get("wd", 1e-4))
        self.lr_sched = LambdaLR(self.opt, self._poly)
        self.scaler = torch.cuda.amp.GradScaler()

    def _poly(self, s):
        return (1.0 - s / self.hp["iters"]) ** self.hp.get("power", 0.9)

    def fit(self, loader):
        self.net.train()
        for epoch in range(self.hp["epochs"]):
            for k, (x, y) in enumerate(loader):
                x, y = x.to(self.device), y.to(self.device)
                with torch.autocast("cuda", dtype=torch.float16):
                    loss = torch.nn.functional.cross_entropy(self.net(x), y)
                self.opt.zero_grad(set_to_none=True)
                self.scaler.scale(loss).backward()
                self.scaler.step(self.opt)
                self.scaler.update()
                self.lr_sched.step()
                if k % 100 == 0:
                    print(f"ep {epoch} it {k} loss {loss.item():.4f} lr {self.lr_sched.get_last_lr()[0]:.2e}")
            torch.save({"net": self.net.state_dict(), "sched": self.lr_sched.state_dict()}, "last.pt")

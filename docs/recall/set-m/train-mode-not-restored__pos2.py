import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader


class StepTrainer:
    def __init__(self, net, train_set, val_set, cfg):
        self.cfg = cfg
        self.net = net.to(cfg.device)
        self.train_loader = DataLoader(train_set, batch_size=cfg.batch_size, shuffle=True,
                                       num_workers=4, drop_last=True)
        self.val_loader = DataLoader(val_set, batch_size=cfg.batch_size * 2, num_workers=4)
        self.opt = torch.optim.Adam(self.net.parameters(), lr=cfg.lr)
        self.global_step = 0

    def train(self):
        self.net.train()
        while self.global_step < self.cfg.max_steps:
            for x, y in self.train_loader:
                x, y = x.to(self.cfg.device), y.to(self.cfg.device)
                self.opt.zero_grad(set_to_none=True)
                loss = F.cross_entropy(self.net(x), y)
                loss.backward()
                self.opt.step()
                self.global_step += 1

                if self.global_step % self.cfg.eval_every == 0:
                    self.net.eval()
                    val_loss, n = 0.0, 0
                    with torch.no_grad():
                        for vx, vy in self.val_loader:
                            vx, vy = vx.to(self.cfg.device), vy.to(self.cfg.device)
                            val_loss += F.cross_entropy(self.net(vx), vy, reduction="sum").item()
                            n += vy.numel()
                    print(f"step {self.global_step}: val_loss {val_loss / n:.4f}")
                if self.global_step >= self.cfg.max_steps:
                    break

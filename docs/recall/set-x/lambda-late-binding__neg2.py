import torch
from torch.optim.lr_scheduler import LambdaLR


def linear_ramp(n_warm):
    def factor(it):
        return min(1.0, (it + 1) / n_warm)
    return factor


class MultiRateTrainer:
    def __init__(self, net, loader, cfg):
        self.net = net
        self.loader = loader
        self.cfg = cfg
        parts = [net.encoder, net.adapters, net.classifier]
        self.opt = torch.optim.AdamW(
            [{"params": m.parameters(), "lr": lr} for m, lr in zip(parts, cfg.lrs)])
        self.sched = LambdaLR(self.opt, lr_lambda=[linear_ramp(w) for w in cfg.warm_iters])

    def train(self):
        it = 0
        self.net.train()
        while it < self.cfg.max_iters:
            for batch in self.loader:
                loss = self.net(**{k: v.cuda() for k, v in batch.items()}).loss
                self.opt.zero_grad()
                loss.backward()
                self.opt.step()
                self.sched.step()
                it += 1
                if it >= self.cfg.max_iters:
                    break
        torch.save(self.net.state_dict(), self.cfg.out_path)

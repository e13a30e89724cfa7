import torch
from torch import nn


class Trainer:
    def __init__(self, net, opt, loader, cfg):
        self.net = net.cuda()
        self.opt = opt
        self.loader = loader
        self.cfg = cfg
        self.scaler = torch.amp.GradScaler("cuda", enabled=cfg.fp16)

    def _clip(self):
        if self.cfg.max_norm is None:
            return None
        self.scaler.unscale_(self.opt)
        return nn.utils.clip_grad_norm_(self.net.parameters(), self.cfg.max_norm)

    def train_epoch(self, epoch):
        self.net.train()
        for i, (tokens, targets) in enumerate(self.loader):
            tokens, targets = tokens.cuda(), targets.cuda()
            self.opt.zero_grad(set_to_none=True)
            with torch.autocast("cuda", dtype=torch.float16, enabled=self.cfg.fp16):
                logits = self.net(tokens)
                loss = nn.functional.cross_entropy(logits.flatten(0, 1), targets.flatten())
            self.scaler.scale(loss).backward()
            grad_norm = self._clip()
            self.scaler.step(self.opt)
            self.scaler.update()
            if i % 100 == 0 and grad_norm is not None:
                print(f"epoch {epoch} it {i} loss {loss.item():.3f} |g| {grad_norm:.2f}")

import torch
from torch import nn


class Trainer:
    def __init__(self, net, opt, loader, cfg):
        self.net = net.cuda()
        self.opt = opt
        self.loader = loader
        self.cfg = cfg
        self.scaler = torch.amp.GradScaler("cuda", enabled=cfg.fp16)
        self.crit = nn.CTCLoss(blank=0, zero_infinity=True)

    def train_epoch(self, epoch):
        self.net.train()
        for i, (feats, feat_lens, targets, target_lens) in enumerate(self.loader):
            feats = feats.cuda(non_blocking=True)
            self.opt.zero_grad(set_to_none=True)
            with torch.autocast("cuda", dtype=torch.float16, enabled=self.cfg.fp16):
                log_probs, out_lens = self.net(feats, feat_lens)
                loss = self.crit(log_probs.transpose(0, 1).float(), targets, out_lens, target_lens)
            self.scaler.scale(loss).backward()
            if self.cfg.grad_clip_value > 0:
                nn.utils.clip_grad_value_(self.net.parameters(), self.cfg.grad_clip_value)
            self.scaler.step(self.opt)
            self.scaler.update()
            if i % self.cfg.log_interval == 0:
                print(f"epoch {epoch} iter {i} ctc {loss.item():.3f}")

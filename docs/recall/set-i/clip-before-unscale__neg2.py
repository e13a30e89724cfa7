import torch
from torch import nn


class Learner:
    def __init__(self, net, loader, lr=1e-3, grad_clip=None, fp16=True):
        self.net = net.cuda()
        self.loader = loader
        self.grad_clip = grad_clip
        self.opt = torch.optim.Adam(net.parameters(), lr=lr)
        self.scaler = torch.cuda.amp.GradScaler(enabled=fp16)
        self.fp16 = fp16

    def _clip(self):
        if self.grad_clip is None:
            return None
        self.scaler.unscale_(self.opt)
        return nn.utils.clip_grad_norm_(self.net.parameters(), self.grad_clip)

    def epoch(self):
        self.net.train()
        for x, y in self.loader:
            self.opt.zero_grad(set_to_none=True)
            with torch.autocast("cuda", enabled=self.fp16):
                loss = nn.functional.l1_loss(self.net(x.cuda()), y.cuda())
            self.scaler.scale(loss).backward()
            self._clip()
            self.scaler.step(self.opt)
            self.scaler.update()

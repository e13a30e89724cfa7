import torch
import torch.nn.functional as F
from torch.nn.utils import clip_grad_norm_
from torch.utils.data import DataLoader


class BF16Trainer:
    """bfloat16 autocast has the fp32 exponent range, so no loss scaling is needed."""

    def __init__(self, net, dataset, cfg):
        self.cfg = cfg
        self.net = net.to(cfg.device)
        self.loader = DataLoader(dataset, batch_size=cfg.batch_size, shuffle=True,
                                 num_workers=4, drop_last=True)
        self.opt = torch.optim.AdamW(self.net.parameters(), lr=cfg.lr, betas=(0.9, 0.95))

    def train_step(self, tokens):
        tokens = tokens.to(self.cfg.device)
        with torch.autocast("cuda", dtype=torch.bfloat16):
            logits = self.net(tokens[:, :-1])
            loss = F.cross_entropy(logits.reshape(-1, logits.size(-1)),
                                   tokens[:, 1:].reshape(-1))
        self.opt.zero_grad(set_to_none=True)
        loss.backward()
        norm = clip_grad_norm_(self.net.parameters(), self.cfg.grad_clip)
        self.opt.step()
        return loss.detach(), norm

    def fit(self):
        for epoch in range(self.cfg.epochs):
            self.net.train()
            for i, tokens in enumerate(self.loader):
                loss, norm = self.train_step(tokens)
                if i % self.cfg.log_every == 0:
                    print(f"{epoch}:{i} loss={loss.item():.3f} |g|={norm.item():.2f}")

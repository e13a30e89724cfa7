from dataclasses import dataclass

import torch
from torch.nn.utils import clip_grad_value_


@dataclass
class TrainConfig:
    lr: float = 2e-4
    epochs: int = 20
    clip_value: float = 0.5
    use_amp: bool = True
    log_every: int = 100


class TTSTrainer:
    def __init__(self, model, loader, cfg: TrainConfig):
        self.model = model.cuda()
        self.loader = loader
        self.cfg = cfg
        self.opt = torch.optim.Adam(self.model.parameters(), lr=cfg.lr, betas=(0.8, 0.99))
        self.scaler = torch.amp.GradScaler("cuda", enabled=cfg.use_amp)
        self.step = 0

    def update(self, batch):
        text, text_len, mel, mel_len = (t.cuda(non_blocking=True) for t in batch)
        with torch.autocast("cuda", enabled=self.cfg.use_amp):
            mel_out, mel_post, gate_loss = self.model(text, text_len, mel, mel_len)
            loss = torch.nn.functional.l1_loss(mel_out, mel) + torch.nn.functional.l1_loss(mel_post, mel) + gate_loss
        self.opt.zero_grad(set_to_none=True)
        self.scaler.scale(loss).backward()
        clip_grad_value_(self.model.parameters(), self.cfg.clip_value)
        self.scaler.step(self.opt)
        self.scaler.update()
        self.step += 1
        return loss.item()

    def fit(self):
        self.model.train()
        for epoch in range(self.cfg.epochs):
            for batch in self.loader:
                loss = self.update(batch)
                if self.step % self.cfg.log_every == 0:
                    print(f"epoch {epoch} step {self.step} loss {loss:.4f}")

import torch
from torch.utils.data import DataLoader


class Trainer:
    def __init__(self, net, train_ds, cfg):
        self.cfg = cfg
        self.net = net.cuda()
        self.train_ds = train_ds
        self.train_dl = DataLoader(
            self.train_ds,
            batch_size=cfg.TRAIN.BATCH_SIZE,
            shuffle=False,
            num_workers=cfg.DATA.WORKERS,
            drop_last=True,
            collate_fn=getattr(train_ds, "collate", None),
        )
        self.opt = torch.optim.AdamW(self.net.parameters(), lr=cfg.TRAIN.LR)

    def train_epoch(self, epoch):
        self.net.train()
        total = 0.0
        for it, (wav, wav_len, text, text_len) in enumerate(self.train_dl):
            wav, text = wav.cuda(non_blocking=True), text.cuda(non_blocking=True)
            self.opt.zero_grad(set_to_none=True)
            loss = self.net(wav, wav_len, text, text_len)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(self.net.parameters(), self.cfg.TRAIN.GRAD_CLIP)
            self.opt.step()
            total += loss.item()
            if it % self.cfg.LOG_EVERY == 0:
                print(f"epoch {epoch} it {it}: ctc {loss.item():.3f}")
        return total / max(1, len(self.train_dl))

    def fit(self):
        for epoch in range(self.cfg.TRAIN.EPOCHS):
            avg = self.train_epoch(epoch)
            print(f"epoch {epoch} avg {avg:.3f}")

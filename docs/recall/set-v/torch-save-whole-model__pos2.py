from pathlib import Path

import torch
import torch.nn.functional as F


class SpeechTrainer:
    def __init__(self, net, train_loader, lr, ckpt_dir="checkpoints", device="cuda"):
        self.net = net.to(device)
        self.train_loader = train_loader
        self.device = device
        self.opt = torch.optim.Adam(self.net.parameters(), lr=lr)
        self.ckpt_dir = Path(ckpt_dir)
        self.ckpt_dir.mkdir(parents=True, exist_ok=True)
        self.global_step = 0

    def train_step(self, feats, feat_lens, tokens, token_lens):
        self.net.train()
        log_probs, out_lens = self.net(feats, feat_lens)
        loss = F.ctc_loss(log_probs.transpose(0, 1), tokens, out_lens, token_lens, zero_infinity=True)
        self.opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(self.net.parameters(), 5.0)
        self.opt.step()
        self.global_step += 1
        return loss.item()

    def export(self, tag):
        path = self.ckpt_dir / f"{tag}.pt"
        torch.save(self.net, path)
        return path

    def train(self, num_epochs, save_every=1):
        for epoch in range(num_epochs):
            total = 0.0
            for feats, feat_lens, tokens, token_lens in self.train_loader:
                total += self.train_step(feats.to(self.device), feat_lens, tokens.to(self.device), token_lens)
            print(f"epoch {epoch} mean ctc {total / len(self.train_loader):.3f}")
            if (epoch + 1) % save_every == 0:
                self.export(f"epoch{epoch + 1}")

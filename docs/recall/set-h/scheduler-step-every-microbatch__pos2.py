import torch
from torch.optim.lr_scheduler import CosineAnnealingLR


class LMTrainer:
    def __init__(self, net, loader, epochs, lr=6e-4, grad_accum=8):
        self.net = net
        self.loader = loader
        self.epochs = epochs
        self.grad_accum = grad_accum
        self.opt = torch.optim.AdamW(net.parameters(), lr=lr, betas=(0.9, 0.95), weight_decay=0.1)
        n_updates = epochs * (len(loader) // grad_accum)
        self.sched = CosineAnnealingLR(self.opt, T_max=n_updates, eta_min=lr / 10)

    def _after_backward(self, micro_idx):
        if (micro_idx + 1) % self.grad_accum == 0:
            torch.nn.utils.clip_grad_norm_(self.net.parameters(), 1.0)
            self.opt.step()
            self.opt.zero_grad(set_to_none=True)
        self.sched.step()

    def fit(self):
        self.net.train()
        for ep in range(self.epochs):
            total = 0.0
            for micro_idx, (tokens, targets) in enumerate(self.loader):
                tokens, targets = tokens.cuda(), targets.cuda()
                logits = self.net(tokens)
                loss = torch.nn.functional.cross_entropy(
                    logits.view(-1, logits.size(-1)), targets.view(-1)
                )
                (loss / self.grad_accum).backward()
                self._after_backward(micro_idx)
                total += loss.item()
            print(f"epoch {ep} mean loss {total / len(self.loader):.4f}")

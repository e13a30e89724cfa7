import torch
from torch.optim.lr_scheduler import CosineAnnealingLR


class Trainer:
    def __init__(self, net, loader, args):
        self.net = net.cuda()
        self.loader = loader
        self.args = args
        self.opt = torch.optim.Adam(net.parameters(), lr=args.lr, betas=(0.5, 0.999))
        self.sched = CosineAnnealingLR(self.opt, T_max=args.total_steps, eta_min=args.lr * 0.01)
        self.step_num = 0

    def _optimizer_step(self):
        torch.nn.utils.clip_grad_norm_(self.net.parameters(), self.args.clip)
        self.opt.step()
        self.opt.zero_grad(set_to_none=True)

    def _loss(self, batch):
        noisy, clean = batch
        pred = self.net(noisy.cuda(non_blocking=True))
        return torch.nn.functional.l1_loss(pred, clean.cuda(non_blocking=True))

    def train(self):
        self.net.train()
        data = iter(self.loader)
        while self.step_num < self.args.total_steps:
            try:
                batch = next(data)
            except StopIteration:
                data = iter(self.loader)
                batch = next(data)
            loss = self._loss(batch)
            loss.backward()
            self.sched.step()
            self._optimizer_step()
            self.step_num += 1
            if self.step_num % self.args.log_every == 0:
                print(f"step {self.step_num} l1 {loss.item():.4f} lr {self.sched.get_last_lr()[0]:.2e}")

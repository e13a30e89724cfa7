import functools

import torch
from torch.optim.lr_scheduler import LambdaLR


def linear_ramp(step, ramp_len):
    return min(1.0, (step + 1) / ramp_len)


class DistillTrainer:
    def __init__(self, student, loader, cfg):
        self.student = student.cuda()
        self.loader = loader
        groups = [
            {"params": student.encoder.parameters(), "lr": cfg.enc_lr},
            {"params": student.decoder.parameters(), "lr": cfg.dec_lr},
        ]
        self.opt = torch.optim.Adam(groups)
        ramps = []
        for ramp_len in (cfg.enc_ramp, cfg.dec_ramp):
            ramps.append(functools.partial(linear_ramp, ramp_len=ramp_len))
        self.sched = LambdaLR(self.opt, ramps)

    def fit(self, teacher, epochs):
        teacher.eval()
        for epoch in range(epochs):
            self.student.train()
            for x, _ in self.loader:
                x = x.cuda()
                with torch.no_grad():
                    t_logits = teacher(x)
                s_logits = self.student(x)
                loss = torch.nn.functional.kl_div(
                    s_logits.log_softmax(-1), t_logits.softmax(-1), reduction="batchmean"
                )
                self.opt.zero_grad()
                loss.backward()
                self.opt.step()
                self.sched.step()
            print(f"epoch {epoch} kd loss {loss.item():.4f}")

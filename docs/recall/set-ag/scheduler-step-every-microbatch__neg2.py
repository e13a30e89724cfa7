import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import CosineAnnealingLR
from torch.utils.data import DataLoader


class DistillTrainer:
    def __init__(self, student, teacher, dataset, hparams):
        self.hp = hparams
        self.student = student.cuda()
        self.teacher = teacher.cuda().eval()
        self.loader = DataLoader(dataset, batch_size=hparams["micro_bs"], shuffle=True,
                                 num_workers=8)
        self.accum = hparams["effective_bs"] // hparams["micro_bs"]
        total_updates = hparams["epochs"] * max(1, len(self.loader) // self.accum)
        self.opt = torch.optim.AdamW(self.student.parameters(), lr=hparams["lr"])
        self.lr_sched = CosineAnnealingLR(self.opt, T_max=total_updates)

    def _boundary(self, idx):
        return (idx + 1) % self.accum == 0

    def _loss(self, x):
        with torch.no_grad():
            t_logits = self.teacher(x)
        s_logits = self.student(x)
        temp = self.hp["temperature"]
        kd = F.kl_div(F.log_softmax(s_logits / temp, -1), F.softmax(t_logits / temp, -1),
                      reduction="batchmean")
        return kd * temp * temp

    def train(self):
        for epoch in range(self.hp["epochs"]):
            self.student.train()
            self.opt.zero_grad(set_to_none=True)
            for idx, (x, _) in enumerate(self.loader):
                loss = self._loss(x.cuda()) / self.accum
                loss.backward()
                if not self._boundary(idx):
                    continue
                self.opt.step()
                self.opt.zero_grad(set_to_none=True)
                self.lr_sched.step()
            print(f"epoch {epoch} lr {self.lr_sched.get_last_lr()[0]:.3e}")

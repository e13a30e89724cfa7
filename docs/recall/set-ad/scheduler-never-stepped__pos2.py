import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import CosineAnnealingLR


class DistillTrainer:
    def __init__(self, student, teacher, loader, cfg):
        self.student = student.cuda()
        self.teacher = teacher.cuda().eval()
        self.loader = loader
        self.cfg = cfg
        self.optim = torch.optim.SGD(self.student.parameters(), lr=cfg.lr,
                                     momentum=0.9, weight_decay=cfg.weight_decay)
        self.lr_sched = CosineAnnealingLR(self.optim, T_max=cfg.epochs)
        self.start_epoch = 0

    def kd_loss(self, s_logits, t_logits, labels):
        T = self.cfg.temperature
        soft = F.kl_div(F.log_softmax(s_logits / T, dim=1), F.softmax(t_logits / T, dim=1),
                        reduction="batchmean") * T * T
        hard = F.cross_entropy(s_logits, labels)
        return self.cfg.alpha * soft + (1 - self.cfg.alpha) * hard

    def train_epoch(self, epoch):
        self.student.train()
        total = 0.0
        for x, y in self.loader:
            x, y = x.cuda(non_blocking=True), y.cuda(non_blocking=True)
            with torch.no_grad():
                t_logits = self.teacher(x)
            loss = self.kd_loss(self.student(x), t_logits, y)
            self.optim.zero_grad()
            loss.backward()
            self.optim.step()
            total += loss.item()
        return total / len(self.loader)

    def save(self, path, epoch):
        torch.save({
            "student": self.student.state_dict(),
            "optim": self.optim.state_dict(),
            "lr_sched": self.lr_sched.state_dict(),
            "epoch": epoch,
        }, path)

    def run(self):
        for epoch in range(self.start_epoch, self.cfg.epochs):
            loss = self.train_epoch(epoch)
            print(f"epoch {epoch} kd loss {loss:.4f} lr {self.optim.param_groups[0]['lr']:.4f}")
            self.save(f"{self.cfg.out}/student_last.pth", epoch)

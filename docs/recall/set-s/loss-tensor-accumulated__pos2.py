import torch
import torch.nn.functional as F


class DistillTrainer:
    def __init__(self, student, teacher, loader, cfg):
        self.student = student.cuda()
        self.teacher = teacher.cuda().eval()
        self.loader = loader
        self.T = cfg.temperature
        self.alpha = cfg.alpha
        self.opt = torch.optim.SGD(self.student.parameters(), lr=cfg.lr, momentum=0.9)
        self.meters = {"kd": 0.0, "ce": 0.0, "n": 0}

    def compute_loss(self, x, y):
        with torch.no_grad():
            t_logits = self.teacher(x)
        s_logits = self.student(x)
        kd = F.kl_div(
            F.log_softmax(s_logits / self.T, dim=1),
            F.softmax(t_logits / self.T, dim=1),
            reduction="batchmean",
        ) * self.T ** 2
        ce = F.cross_entropy(s_logits, y)
        return kd, ce

    def train_epoch(self):
        self.student.train()
        self.meters = {"kd": 0.0, "ce": 0.0, "n": 0}
        for x, y in self.loader:
            x, y = x.cuda(non_blocking=True), y.cuda(non_blocking=True)
            kd, ce = self.compute_loss(x, y)
            total = self.alpha * kd + (1 - self.alpha) * ce
            self.opt.zero_grad()
            total.backward()
            self.opt.step()
            self.meters["kd"] = self.meters["kd"] + kd
            self.meters["ce"] += ce.item()
            self.meters["n"] += 1
        n = self.meters["n"]
        return {"kd": float(self.meters["kd"]) / n, "ce": self.meters["ce"] / n}

import torch
import torch.nn.functional as F


class DistillTrainer:
    def __init__(self, student, teacher, loader, cfg):
        self.student = student.cuda()
        self.teacher = teacher.cuda().eval()
        self.loader = loader
        self.cfg = cfg
        self.optimizer = torch.optim.SGD(
            self.student.parameters(), lr=cfg.lr, momentum=0.9, weight_decay=cfg.wd
        )

    def kd_loss(self, s_logits, t_logits, labels):
        T = self.cfg.temperature
        soft = F.kl_div(
            F.log_softmax(s_logits / T, dim=1), F.softmax(t_logits / T, dim=1), reduction="batchmean"
        ) * (T * T)
        hard = F.cross_entropy(s_logits, labels)
        return self.cfg.alpha * soft + (1 - self.cfg.alpha) * hard

    def train_step(self, images, labels):
        with torch.no_grad():
            t_logits = self.teacher(images)
        s_logits = self.student(images)
        loss = self.kd_loss(s_logits, t_logits, labels)
        loss.backward()
        self.optimizer.zero_grad(set_to_none=True)
        self.optimizer.step()
        return loss.item()

    def train_epoch(self, epoch):
        self.student.train()
        for it, (images, labels) in enumerate(self.loader):
            images = images.cuda(non_blocking=True)
            labels = labels.cuda(non_blocking=True)
            loss = self.train_step(images, labels)
            if it % self.cfg.print_freq == 0:
                print(f"epoch {epoch} it {it} loss {loss:.4f}")

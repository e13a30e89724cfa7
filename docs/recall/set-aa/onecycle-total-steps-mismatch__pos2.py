import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import OneCycleLR


def forever(loader):
    while True:
        for batch in loader:
            yield batch


class SemiSupervisedTrainer:
    def __init__(self, net, labeled_loader, unlabeled_loader, epochs=100, lr=0.03,
                 threshold=0.95, lambda_u=1.0):
        self.net = net.cuda()
        self.labeled_loader = labeled_loader
        self.unlabeled_loader = unlabeled_loader
        self.epochs = epochs
        self.threshold = threshold
        self.lambda_u = lambda_u
        self.opt = torch.optim.SGD(net.parameters(), lr=lr, momentum=0.9, nesterov=True,
                                   weight_decay=5e-4)
        self.sched = OneCycleLR(self.opt, max_lr=lr, epochs=epochs,
                                steps_per_epoch=len(labeled_loader))

    def train_epoch(self, epoch):
        self.net.train()
        labeled_iter = forever(self.labeled_loader)
        for step, (u_weak, u_strong) in enumerate(self.unlabeled_loader):
            x, y = next(labeled_iter)
            x, y = x.cuda(), y.cuda()
            u_weak, u_strong = u_weak.cuda(), u_strong.cuda()
            logits_x = self.net(x)
            with torch.no_grad():
                probs = torch.softmax(self.net(u_weak), dim=-1)
                conf, pseudo = probs.max(dim=-1)
                mask = (conf >= self.threshold).float()
            loss_u = (F.cross_entropy(self.net(u_strong), pseudo, reduction="none") * mask).mean()
            loss = F.cross_entropy(logits_x, y) + self.lambda_u * loss_u
            self.opt.zero_grad()
            loss.backward()
            self.opt.step()
            self.sched.step()
            if step % 100 == 0:
                print(f"epoch {epoch} step {step} loss {loss.item():.4f} mask {mask.mean().item():.2f}")

    def fit(self):
        for epoch in range(self.epochs):
            self.train_epoch(epoch)
            torch.save({"net": self.net.state_dict(), "opt": self.opt.state_dict(),
                        "sched": self.sched.state_dict(), "epoch": epoch}, "fixmatch_last.pth")

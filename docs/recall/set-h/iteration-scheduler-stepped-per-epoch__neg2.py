import torch
from torch.optim.lr_scheduler import PolynomialLR


class PolyTrainer:
    def __init__(self, model, loaders, cfg):
        self.model = model
        self.train_loader, self.val_loader = loaders
        self.cfg = cfg
        self.opt = torch.optim.SGD(
            model.parameters(), lr=cfg.lr, momentum=0.9, weight_decay=cfg.weight_decay
        )
        self.lr_sched = PolynomialLR(self.opt, total_iters=cfg.epochs, power=0.9)
        self.loss_fn = torch.nn.CrossEntropyLoss(ignore_index=255)

    def train_one_epoch(self):
        self.model.train()
        running = 0.0
        for step, (img, target) in enumerate(self.train_loader):
            img, target = img.cuda(), target.cuda()
            out = self.model(img)
            loss = self.loss_fn(out, target)
            self.opt.zero_grad()
            loss.backward()
            self.opt.step()
            running += loss.item()
        return running / (step + 1)

    @torch.no_grad()
    def validate(self):
        self.model.eval()
        losses = [self.loss_fn(self.model(x.cuda()), y.cuda()).item() for x, y in self.val_loader]
        return sum(losses) / len(losses)

    def run(self):
        for epoch in range(self.cfg.epochs):
            tr = self.train_one_epoch()
            va = self.validate()
            self.lr_sched.step()
            print(f"epoch {epoch}: train {tr:.3f} val {va:.3f} lr {self.lr_sched.get_last_lr()[0]:.5f}")

import torch
from torch import nn
from torch.amp import GradScaler, autocast
from torch.optim.lr_scheduler import OneCycleLR


class MixedPrecisionTrainer:
    def __init__(self, net, train_loader, hp):
        self.net = net.to("cuda")
        self.train_loader = train_loader
        self.hp = hp
        self.criterion = nn.BCEWithLogitsLoss()
        self.opt = torch.optim.SGD(self.net.parameters(), lr=hp.max_lr, momentum=0.9, nesterov=True)
        self.lr_sched = OneCycleLR(
            self.opt,
            max_lr=hp.max_lr,
            epochs=hp.epochs,
            steps_per_epoch=len(train_loader),
        )
        self.scaler = GradScaler("cuda")

    def _optimizer_step(self, loss):
        self.scaler.scale(loss).backward()
        self.scaler.unscale_(self.opt)
        nn.utils.clip_grad_norm_(self.net.parameters(), self.hp.max_norm)
        scale = self.scaler.get_scale()
        self.scaler.step(self.opt)
        self.scaler.update()
        self.opt.zero_grad(set_to_none=True)
        skip_lr_sched = scale > self.scaler.get_scale()
        if not skip_lr_sched:
            self.lr_sched.step()

    def run(self):
        for epoch in range(self.hp.epochs):
            self.net.train()
            seen, loss_sum = 0, 0.0
            for x, y in self.train_loader:
                x, y = x.cuda(non_blocking=True), y.cuda(non_blocking=True).float()
                with autocast("cuda"):
                    loss = self.criterion(self.net(x), y)
                self._optimizer_step(loss)
                loss_sum += loss.item() * x.size(0)
                seen += x.size(0)
            print(f"epoch {epoch}: {loss_sum / seen:.4f}")

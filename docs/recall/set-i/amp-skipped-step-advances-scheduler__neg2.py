import torch
from torch.cuda.amp import GradScaler, autocast
from torch.optim.lr_scheduler import StepLR


class MixedPrecisionRunner:
    def __init__(self, model, loader, lr=0.1, epochs=90):
        self.model = model.cuda()
        self.loader = loader
        self.epochs = epochs
        self.optim = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9)
        self.lr_sched = StepLR(self.optim, step_size=30, gamma=0.1)
        self.scaler = GradScaler()
        self.skipped = 0

    def _update(self, loss):
        self.scaler.scale(loss).backward()
        prev_scale = self.scaler.get_scale()
        self.scaler.step(self.optim)
        self.scaler.update()
        stepped = self.scaler.get_scale() >= prev_scale
        if not stepped:
            self.skipped += 1
        return stepped

    def run(self):
        for ep in range(self.epochs):
            self.model.train()
            any_step = False
            for x, y in self.loader:
                self.optim.zero_grad()
                with autocast():
                    loss = torch.nn.functional.cross_entropy(self.model(x.cuda()), y.cuda())
                any_step |= self._update(loss)
            if any_step:
                self.lr_sched.step()
            print(f"epoch {ep}: {self.skipped} overflow steps so far")

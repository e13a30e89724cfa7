import torch
import torch.nn as nn
from torch.optim.lr_scheduler import CosineAnnealingLR


class SegTrainer:
    def __init__(self, model, loader, epochs, lr=0.01, device="cuda"):
        self.model = model.to(device)
        self.loader = loader
        self.epochs = epochs
        self.device = device
        self.criterion = nn.CrossEntropyLoss(ignore_index=255)
        self.optim = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9, weight_decay=1e-4)
        iters_per_epoch = len(loader)
        self.sched = CosineAnnealingLR(self.optim, T_max=epochs * iters_per_epoch, eta_min=1e-5)
        self.global_step = 0

    def train_one_epoch(self, epoch):
        self.model.train()
        seen = 0
        loss_sum = 0.0
        for i, (img, mask) in enumerate(self.loader):
            img = img.to(self.device, non_blocking=True)
            mask = mask.to(self.device, non_blocking=True).long()
            out = self.model(img)["out"]
            loss = self.criterion(out, mask)
            self.optim.zero_grad()
            loss.backward()
            self.optim.step()
            self.sched.step()
            self.global_step += 1
            loss_sum += loss.item() * img.size(0)
            seen += img.size(0)
            if i % 50 == 0:
                print(f"epoch {epoch} it {i} loss {loss.item():.4f} lr {self.sched.get_last_lr()[0]:.6f}")
        return loss_sum / max(seen, 1)

    def train(self):
        for epoch in range(self.epochs):
            avg = self.train_one_epoch(epoch)
            print(f"epoch {epoch} done, mean loss {avg:.4f}")
            torch.save(
                {"model": self.model.state_dict(), "optim": self.optim.state_dict(),
                 "sched": self.sched.state_dict(), "step": self.global_step},
                f"ckpt_{epoch:03d}.pt",
            )

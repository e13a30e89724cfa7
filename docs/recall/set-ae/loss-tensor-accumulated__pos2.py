import torch


class DetectorTrainer:
    def __init__(self, detector, opt, loader, device="cuda", print_freq=20):
        self.detector = detector.to(device)
        self.opt = opt
        self.loader = loader
        self.device = device
        self.print_freq = print_freq

    def _to_device(self, images, targets):
        images = [img.to(self.device) for img in images]
        targets = [{k: v.to(self.device) for k, v in t.items()} for t in targets]
        return images, targets

    def train_one_epoch(self, epoch):
        self.detector.train()
        self.epoch_loss = 0
        n_batches = 0
        for images, targets in self.loader:
            images, targets = self._to_device(images, targets)
            loss_dict = self.detector(images, targets)
            total = sum(loss_dict.values())
            self.opt.zero_grad()
            total.backward()
            self.opt.step()
            self.epoch_loss = self.epoch_loss + total
            n_batches += 1
            if n_batches % self.print_freq == 0:
                parts = ", ".join(f"{k}={v.item():.3f}" for k, v in loss_dict.items())
                print(f"epoch {epoch} [{n_batches}/{len(self.loader)}] {parts}")
        return self.epoch_loss / max(n_batches, 1)

import torch


class DetectorTrainer:
    def __init__(self, detector, loader, lr=0.02, device="cuda"):
        self.detector = detector.to(device)
        self.loader = loader
        self.device = device
        params = [p for p in detector.parameters() if p.requires_grad]
        self.opt = torch.optim.SGD(params, lr=lr, momentum=0.9, weight_decay=1e-4)

    def train_one_epoch(self, epoch):
        self.detector.train()
        epoch_loss = 0
        n_batches = 0
        for images, targets in self.loader:
            images = [img.to(self.device) for img in images]
            targets = [{k: v.to(self.device) for k, v in t.items()} for t in targets]
            loss_dict = self.detector(images, targets)
            loss_total = sum(loss for loss in loss_dict.values())

            self.opt.zero_grad()
            loss_total.backward()
            self.opt.step()

            epoch_loss = epoch_loss + loss_total
            n_batches += 1
        avg = epoch_loss / max(1, n_batches)
        print(f"epoch {epoch}: mean loss {float(avg):.4f}")
        return avg

from collections import defaultdict

import torch


class DetectionTrainer:
    def __init__(self, detector, loader, lr=0.02, print_freq=20):
        self.detector = detector.cuda()
        self.loader = loader
        params = [p for p in self.detector.parameters() if p.requires_grad]
        self.opt = torch.optim.SGD(params, lr=lr, momentum=0.9, weight_decay=1e-4)
        self.print_freq = print_freq

    def train_one_epoch(self, epoch):
        self.detector.train()
        meters = defaultdict(float)
        for it, (images, targets) in enumerate(self.loader):
            images = [img.cuda() for img in images]
            targets = [{k: v.cuda() for k, v in t.items()} for t in targets]
            loss_dict = self.detector(images, targets)
            losses = sum(loss_dict.values())
            self.opt.zero_grad()
            losses.backward()
            self.opt.step()
            for name, value in loss_dict.items():
                meters[name] += value
            if it % self.print_freq == 0:
                summary = ", ".join(f"{k}: {float(v) / (it + 1):.4f}" for k, v in meters.items())
                print(f"epoch {epoch} [{it}/{len(self.loader)}] {summary}")
        return {k: float(v) / len(self.loader) for k, v in meters.items()}

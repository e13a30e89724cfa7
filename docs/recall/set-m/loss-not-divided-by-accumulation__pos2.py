import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader


class SegTrainer:
    def __init__(self, net, train_set, cfg):
        self.cfg = cfg
        self.net = net.to(cfg.DEVICE)
        self.loader = DataLoader(train_set, batch_size=cfg.TRAIN.IMS_PER_BATCH, shuffle=True,
                                 num_workers=cfg.DATALOADER.NUM_WORKERS, drop_last=True)
        self.opt = torch.optim.SGD(self.net.parameters(), lr=cfg.SOLVER.BASE_LR,
                                   momentum=0.9, weight_decay=cfg.SOLVER.WEIGHT_DECAY)
        self.scaler = torch.amp.GradScaler("cuda")
        self.accum = cfg.TRAIN.ACCUM

    def forward_backward(self, images, masks):
        with torch.autocast("cuda", dtype=torch.float16):
            logits = self.net(images)
            loss = F.cross_entropy(logits, masks, ignore_index=255)
        self.scaler.scale(loss).backward()
        return loss.detach()

    def train_epoch(self, epoch):
        self.net.train()
        self.opt.zero_grad(set_to_none=True)
        for it, (images, masks) in enumerate(self.loader, start=1):
            images = images.to(self.cfg.DEVICE, non_blocking=True)
            masks = masks.to(self.cfg.DEVICE, non_blocking=True)
            loss = self.forward_backward(images, masks)
            if it % self.accum == 0:
                self.scaler.step(self.opt)
                self.scaler.update()
                self.opt.zero_grad(set_to_none=True)
            if it % 20 == 0:
                print(f"ep {epoch} it {it}: {loss.item():.4f}")

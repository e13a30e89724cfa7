import torch
import torch.nn.functional as F


class SegTrainer:
    def __init__(self, net, train_loader, val_loader, eval_every=500, lr=1e-3):
        self.net = net.cuda()
        self.train_loader = train_loader
        self.val_loader = val_loader
        self.eval_every = eval_every
        self.opt = torch.optim.Adam(self.net.parameters(), lr=lr)
        self.step = 0

    @torch.no_grad()
    def evaluate(self):
        self.net.eval()
        inter = union = 0
        for img, mask in self.val_loader:
            img, mask = img.cuda(), mask.cuda()
            pred = self.net(img).sigmoid() > 0.5
            inter += (pred & (mask > 0)).sum().item()
            union += (pred | (mask > 0)).sum().item()
        return inter / max(union, 1)

    def train_epoch(self):
        self.net.train()
        for img, mask in self.train_loader:
            img, mask = img.cuda(), mask.cuda()
            self.opt.zero_grad()
            loss = F.binary_cross_entropy_with_logits(self.net(img), mask.float())
            loss.backward()
            self.opt.step()
            self.step += 1
            if self.step % self.eval_every == 0:
                iou = self.evaluate()
                print(f"step {self.step}: loss {loss.item():.4f} val IoU {iou:.4f}")

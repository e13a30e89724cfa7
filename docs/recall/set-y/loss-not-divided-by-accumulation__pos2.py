import torch
import torch.nn.functional as F


class ContrastiveTrainer:
    """Splits each large batch into micro-batches that fit in memory."""

    def __init__(self, net, loader, cfg):
        self.net = net.cuda()
        self.loader = loader
        self.n_micro = cfg.TRAIN.MICRO_BATCHES
        self.temperature = cfg.TRAIN.TEMP
        self.opt = torch.optim.SGD(self.net.parameters(), lr=cfg.TRAIN.LR, momentum=0.9,
                                   weight_decay=cfg.TRAIN.WD)
        self.epochs = cfg.TRAIN.EPOCHS

    def micro_loss(self, view_a, view_b):
        za = F.normalize(self.net(view_a), dim=1)
        zb = F.normalize(self.net(view_b), dim=1)
        logits = za @ zb.t() / self.temperature
        target = torch.arange(za.size(0), device=za.device)
        return 0.5 * (F.cross_entropy(logits, target) + F.cross_entropy(logits.t(), target))

    def step(self, view_a, view_b):
        self.opt.zero_grad(set_to_none=True)
        log = 0.0
        for a, b in zip(view_a.chunk(self.n_micro), view_b.chunk(self.n_micro)):
            loss = self.micro_loss(a.cuda(non_blocking=True), b.cuda(non_blocking=True))
            loss.backward()
            log += loss.item() / self.n_micro
        self.opt.step()
        return log

    def fit(self):
        for epoch in range(self.epochs):
            self.net.train()
            for it, (view_a, view_b) in enumerate(self.loader):
                loss = self.step(view_a, view_b)
                if it % 50 == 0:
                    print(f"epoch {epoch} it {it} loss {loss:.4f}")

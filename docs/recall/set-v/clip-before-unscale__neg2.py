import torch
from torch.nn.utils import clip_grad_norm_


class BF16Trainer:
    """bfloat16 autocast has the fp32 exponent range, so no loss scaling is needed."""

    def __init__(self, model, loader, lr, max_norm=1.0, epochs=3):
        self.model = model.cuda()
        self.loader = loader
        self.max_norm = max_norm
        self.epochs = epochs
        self.opt = torch.optim.AdamW(self.model.parameters(), lr=lr, fused=True)

    def step(self, batch):
        batch = {k: v.cuda(non_blocking=True) for k, v in batch.items()}
        with torch.autocast("cuda", dtype=torch.bfloat16):
            loss = self.model(**batch).loss
        self.opt.zero_grad(set_to_none=True)
        loss.backward()
        norm = clip_grad_norm_(self.model.parameters(), self.max_norm)
        self.opt.step()
        return loss.item(), norm.item()

    def train(self):
        self.model.train()
        for epoch in range(self.epochs):
            for i, batch in enumerate(self.loader):
                loss, norm = self.step(batch)
                if i % 100 == 0:
                    print(f"epoch {epoch} batch {i} loss {loss:.4f} grad-norm {norm:.2f}")

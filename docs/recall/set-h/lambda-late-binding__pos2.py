import torch
from torch.optim.lr_scheduler import LambdaLR


class AdapterTrainer:
    """Fine-tunes adapters and the classifier with separate warm-up lengths."""

    def __init__(self, model, loader, lr_adapter=1e-3, lr_cls=5e-3, warm_adapter=2000, warm_cls=200):
        self.model = model
        self.loader = loader
        self.optimizer = torch.optim.AdamW(
            [
                {"params": model.adapters.parameters(), "lr": lr_adapter},
                {"params": model.classifier.parameters(), "lr": lr_cls},
            ],
            weight_decay=0.01,
        )
        self.warm_per_group = [warm_adapter, warm_cls]
        self.scheduler = LambdaLR(
            self.optimizer,
            lr_lambda=[lambda step: min(1.0, (step + 1) / w) for w in self.warm_per_group],
        )

    def train(self, n_epochs):
        self.model.train()
        step = 0
        for epoch in range(n_epochs):
            for batch in self.loader:
                batch = {k: v.cuda() for k, v in batch.items()}
                loss = self.model(**batch).loss
                self.optimizer.zero_grad()
                loss.backward()
                self.optimizer.step()
                self.scheduler.step()
                step += 1
                if step % 50 == 0:
                    print(epoch, step, round(loss.item(), 4), self.scheduler.get_last_lr())

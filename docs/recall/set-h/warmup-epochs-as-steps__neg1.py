import torch
from torch.utils.data import DataLoader
from transformers import get_linear_schedule_with_warmup


class Finetuner:
    def __init__(self, model, train_ds, epochs=5, lr=2e-5, bs=16, warmup_epochs=0.5):
        self.model = model.cuda()
        self.loader = DataLoader(train_ds, batch_size=bs, shuffle=True)
        self.epochs = epochs
        self.optimizer = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
        steps_per_epoch = len(self.loader)
        self.scheduler = get_linear_schedule_with_warmup(
            self.optimizer,
            num_warmup_steps=int(warmup_epochs * steps_per_epoch),
            num_training_steps=epochs * steps_per_epoch,
        )

    def train(self):
        self.model.train()
        for epoch in range(self.epochs):
            total = 0.0
            for batch in self.loader:
                batch = {k: v.cuda() for k, v in batch.items()}
                loss = self.model(**batch).loss
                self.optimizer.zero_grad()
                loss.backward()
                self.optimizer.step()
                self.scheduler.step()
                total += loss.item()
            print(f"epoch {epoch}: {total / len(self.loader):.4f}")

import torch
from torch.utils.data import DataLoader, SequentialSampler


class NERTrainer:
    def __init__(self, model, train_dataset, collate_fn, lr=5e-5, batch_size=16, epochs=3, device="cuda"):
        self.model = model.to(device)
        self.device = device
        self.epochs = epochs
        self.train_dataloader = DataLoader(train_dataset, sampler=SequentialSampler(train_dataset), batch_size=batch_size, collate_fn=collate_fn)
        self.optimizer = torch.optim.AdamW(self.model.parameters(), lr=lr, weight_decay=0.01)

    def train(self):
        global_step = 0
        for epoch in range(self.epochs):
            self.model.train()
            tr_loss = 0.0
            for batch in self.train_dataloader:
                batch = {k: v.to(self.device) for k, v in batch.items()}
                outputs = self.model(**batch)
                loss = outputs.loss
                self.optimizer.zero_grad()
                loss.backward()
                torch.nn.utils.clip_grad_norm_(self.model.parameters(), 1.0)
                self.optimizer.step()
                tr_loss += loss.item()
                global_step += 1
            print(f"epoch {epoch}: avg loss {tr_loss / len(self.train_dataloader):.4f}")
        return global_step

import torch
from torch.utils.data import DataLoader
from transformers import AutoModelForSequenceClassification, get_linear_schedule_with_warmup


class FineTuner:
    def __init__(self, model_name, train_ds, num_epochs=3, lr=2e-5, batch_size=32, warmup_ratio=0.06):
        self.net = AutoModelForSequenceClassification.from_pretrained(model_name, num_labels=2).cuda()
        self.loader = DataLoader(train_ds, batch_size=batch_size, shuffle=True)
        self.num_epochs = num_epochs
        self.opt = torch.optim.AdamW(self.net.parameters(), lr=lr, weight_decay=0.01)
        num_training_steps = num_epochs * len(self.loader)
        self.lr_sched = get_linear_schedule_with_warmup(
            self.opt,
            num_warmup_steps=int(warmup_ratio * num_training_steps),
            num_training_steps=num_training_steps,
        )

    def _on_epoch_end(self, epoch, mean_loss):
        self.lr_sched.step()
        print(f"epoch {epoch}: loss={mean_loss:.4f} lr={self.lr_sched.get_last_lr()[0]:.2e}")

    def train(self):
        for epoch in range(self.num_epochs):
            self.net.train()
            losses = []
            for batch in self.loader:
                batch = {k: v.cuda() for k, v in batch.items()}
                out = self.net(**batch)
                out.loss.backward()
                torch.nn.utils.clip_grad_norm_(self.net.parameters(), 1.0)
                self.opt.step()
                self.opt.zero_grad()
                losses.append(out.loss.item())
            self._on_epoch_end(epoch, sum(losses) / len(losses))

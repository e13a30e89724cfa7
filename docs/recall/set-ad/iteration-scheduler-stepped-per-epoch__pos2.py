import torch
from torch.utils.data import DataLoader
from transformers import AutoModelForSequenceClassification, get_linear_schedule_with_warmup


class FineTuner:
    def __init__(self, model_name, train_ds, eval_ds, n_epochs=3, lr=2e-5, bsz=32, warmup_ratio=0.1):
        self.model = AutoModelForSequenceClassification.from_pretrained(model_name, num_labels=2).cuda()
        self.train_dl = DataLoader(train_ds, batch_size=bsz, shuffle=True)
        self.eval_dl = DataLoader(eval_ds, batch_size=bsz * 2)
        self.n_epochs = n_epochs
        self.opt = torch.optim.AdamW(self.model.parameters(), lr=lr, weight_decay=0.01)
        num_training_steps = n_epochs * len(self.train_dl)
        self.lr_sched = get_linear_schedule_with_warmup(
            self.opt,
            num_warmup_steps=int(warmup_ratio * num_training_steps),
            num_training_steps=num_training_steps,
        )

    def train_epoch(self):
        self.model.train()
        total = 0.0
        for batch in self.train_dl:
            batch = {k: v.cuda() for k, v in batch.items()}
            out = self.model(**batch)
            out.loss.backward()
            torch.nn.utils.clip_grad_norm_(self.model.parameters(), 1.0)
            self.opt.step()
            self.opt.zero_grad()
            total += out.loss.item()
        return total / len(self.train_dl)

    def on_epoch_end(self, epoch, train_loss):
        self.lr_sched.step()
        acc = self.evaluate()
        print(f"epoch {epoch} loss {train_loss:.4f} acc {acc:.4f} lr {self.lr_sched.get_last_lr()[0]:.2e}")

    @torch.no_grad()
    def evaluate(self):
        self.model.eval()
        correct = total = 0
        for batch in self.eval_dl:
            batch = {k: v.cuda() for k, v in batch.items()}
            preds = self.model(**batch).logits.argmax(-1)
            correct += (preds == batch["labels"]).sum().item()
            total += preds.numel()
        self.model.train()
        return correct / total

    def fit(self):
        for epoch in range(self.n_epochs):
            loss = self.train_epoch()
            self.on_epoch_end(epoch, loss)

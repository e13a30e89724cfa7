import torch
from torch.utils.data import DataLoader, RandomSampler, SequentialSampler


class SequenceClassificationTrainer:
    def __init__(self, model, tokenizer, train_dataset, eval_dataset, args):
        self.model = model.to(args.device)
        self.tokenizer = tokenizer
        self.args = args
        self.train_dataloader = DataLoader(train_dataset, sampler=RandomSampler(train_dataset),
                                           batch_size=args.train_batch_size, collate_fn=self._collate)
        self.eval_dataloader = DataLoader(eval_dataset, sampler=SequentialSampler(eval_dataset),
                                          batch_size=args.eval_batch_size, collate_fn=self._collate)
        self.optimizer = torch.optim.AdamW(self.model.parameters(), lr=args.learning_rate,
                                           eps=args.adam_epsilon, weight_decay=args.weight_decay)

    def _collate(self, features):
        batch = self.tokenizer.pad([{"input_ids": f["input_ids"]} for f in features], return_tensors="pt")
        batch["labels"] = torch.tensor([f["label"] for f in features])
        return batch

    @torch.no_grad()
    def evaluate(self):
        self.model.eval()
        correct = total = 0
        for batch in self.eval_dataloader:
            batch = {k: v.to(self.args.device) for k, v in batch.items()}
            preds = self.model(**batch).logits.argmax(-1)
            correct += (preds == batch["labels"]).sum().item()
            total += batch["labels"].numel()
        self.model.train()
        return correct / max(total, 1)

    def train(self):
        self.model.train()
        global_step = 0
        for epoch in range(int(self.args.num_train_epochs)):
            for step, batch in enumerate(self.train_dataloader):
                batch = {k: v.to(self.args.device) for k, v in batch.items()}
                self.optimizer.zero_grad()
                outputs = self.model(**batch)
                outputs.loss.backward()
                torch.nn.utils.clip_grad_norm_(self.model.parameters(), self.args.max_grad_norm)
                self.optimizer.step()
                global_step += 1
            print(f"epoch {epoch}: eval acc {self.evaluate():.4f}")
        return global_step

import torch
from torch.utils.data import DataLoader, SequentialSampler


class SequenceClassificationTrainer:
    def __init__(self, model, tokenizer, train_dataset, args):
        self.model = model.to(args.device)
        self.tokenizer = tokenizer
        self.args = args
        train_sampler = SequentialSampler(train_dataset)
        self.train_dataloader = DataLoader(train_dataset, sampler=train_sampler,
                                           batch_size=args.train_batch_size,
                                           collate_fn=self._collate)
        no_decay = ("bias", "LayerNorm.weight")
        groups = [
            {"params": [p for n, p in model.named_parameters() if not any(nd in n for nd in no_decay)],
             "weight_decay": args.weight_decay},
            {"params": [p for n, p in model.named_parameters() if any(nd in n for nd in no_decay)],
             "weight_decay": 0.0},
        ]
        self.optimizer = torch.optim.AdamW(groups, lr=args.learning_rate, eps=args.adam_epsilon)

    def _collate(self, features):
        batch = self.tokenizer.pad([{"input_ids": f["input_ids"]} for f in features], return_tensors="pt")
        batch["labels"] = torch.tensor([f["label"] for f in features])
        return batch

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
                if global_step % self.args.logging_steps == 0:
                    print(f"epoch {epoch} step {global_step}: loss {outputs.loss.item():.4f}")
        return global_step

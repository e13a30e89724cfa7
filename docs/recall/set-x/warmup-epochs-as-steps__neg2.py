import torch
from torch.utils.data import DataLoader
from transformers import AutoModelForTokenClassification, get_linear_schedule_with_warmup


class NerTrainer:
    def __init__(self, model_name, train_ds, n_labels, args):
        self.args = args
        self.loader = DataLoader(train_ds, batch_size=args.batch_size, shuffle=True,
                                 collate_fn=train_ds.collate)
        self.tagger = AutoModelForTokenClassification.from_pretrained(
            model_name, num_labels=n_labels).cuda()
        self.opt = torch.optim.AdamW(self.tagger.parameters(), lr=args.lr, weight_decay=0.01)
        steps_per_epoch = len(self.loader)
        warmup_steps = args.warmup_epochs * steps_per_epoch
        self.sched = get_linear_schedule_with_warmup(
            self.opt,
            num_warmup_steps=warmup_steps,
            num_training_steps=args.epochs * steps_per_epoch,
        )

    def fit(self):
        for epoch in range(self.args.epochs):
            self.tagger.train()
            for step, batch in enumerate(self.loader):
                out = self.tagger(**{k: v.cuda() for k, v in batch.items()})
                self.opt.zero_grad()
                out.loss.backward()
                self.opt.step()
                self.sched.step()
                if step % 100 == 0:
                    print(f"epoch {epoch} step {step} loss {out.loss.item():.4f}")
            self.tagger.save_pretrained(f"runs/ner/epoch{epoch}")

import torch
from torch.utils.data import DataLoader


class TextClassifierTrainer:
    def __init__(self, model, train_ds, cfg):
        self.model = model.cuda()
        self.cfg = cfg
        self.train_dl = DataLoader(
            train_ds,
            batch_size=cfg["bs"],
            shuffle=False,
            drop_last=True,
            collate_fn=train_ds.collate,
            num_workers=cfg.get("workers", 2),
        )
        self.opt = torch.optim.AdamW(model.parameters(), lr=cfg["lr"], weight_decay=cfg["wd"])

    def train(self):
        for ep in range(self.cfg["epochs"]):
            self.model.train()
            agg, steps = 0.0, 0
            for batch in self.train_dl:
                ids = batch["input_ids"].cuda()
                mask = batch["attention_mask"].cuda()
                labels = batch["label"].cuda()
                self.opt.zero_grad()
                out = self.model(input_ids=ids, attention_mask=mask, labels=labels)
                out.loss.backward()
                torch.nn.utils.clip_grad_norm_(self.model.parameters(), 1.0)
                self.opt.step()
                agg += out.loss.item()
                steps += 1
            print(f"epoch {ep}: loss {agg / max(steps, 1):.4f}")

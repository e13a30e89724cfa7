import torch
from torch.utils.data import DataLoader


class OCRTrainer:
    def __init__(self, model, processor, train_set, val_set, cfg):
        self.model = model.to(cfg.device)
        self.processor = processor
        self.cfg = cfg
        self.train_loader = DataLoader(train_set, batch_size=cfg.batch_size, shuffle=True, num_workers=4)
        self.val_loader = DataLoader(val_set, batch_size=cfg.batch_size, shuffle=False, num_workers=4)
        self.opt = torch.optim.AdamW(self.model.parameters(), lr=cfg.lr)

    def train_epoch(self):
        self.model.train()
        for batch in self.train_loader:
            batch = {k: v.to(self.cfg.device) for k, v in batch.items()}
            self.opt.zero_grad()
            loss = self.model(**batch).loss
            loss.backward()
            self.opt.step()

    @torch.no_grad()
    def evaluate(self, cer_metric):
        was_training = self.model.training
        self.model.eval()
        preds, refs = [], []
        val_loss = 0.0
        for batch in self.val_loader:
            batch = {k: v.to(self.cfg.device) for k, v in batch.items()}
            val_loss += self.model(**batch).loss.item()
            generated = self.model.generate(batch["pixel_values"])
            preds += self.processor.batch_decode(generated, skip_special_tokens=True)
            labels = batch["labels"].clone()
            labels[labels == -100] = self.processor.tokenizer.pad_token_id
            refs += self.processor.batch_decode(labels, skip_special_tokens=True)
        self.model.train(was_training)
        cer = cer_metric.compute(predictions=preds, references=refs)
        return val_loss / max(len(self.val_loader), 1), cer

    def run(self, cer_metric):
        for epoch in range(self.cfg.epochs):
            self.train_epoch()
            val_loss, cer = self.evaluate(cer_metric)
            print(f"epoch {epoch}: val loss {val_loss:.4f} CER {cer:.4f}")

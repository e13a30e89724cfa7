import torch
import torch.nn.functional as F


class OCRTrainer:
    def __init__(self, recognizer, tokenizer, train_loader, val_loader, lr=5e-5):
        self.recognizer = recognizer.cuda()
        self.tokenizer = tokenizer
        self.train_loader = train_loader
        self.val_loader = val_loader
        self.opt = torch.optim.AdamW(self.recognizer.parameters(), lr=lr)

    def train_epoch(self):
        self.recognizer.train()
        for pixel_values, labels in self.train_loader:
            self.opt.zero_grad()
            out = self.recognizer(pixel_values=pixel_values.cuda(), labels=labels.cuda())
            out.loss.backward()
            self.opt.step()

    def validate(self):
        n_exact, n_total = 0, 0
        with torch.no_grad():
            for pixel_values, labels in self.val_loader:
                generated = self.recognizer.generate(pixel_values.cuda(), max_new_tokens=64)
                preds = self.tokenizer.batch_decode(generated, skip_special_tokens=True)
                refs = self.tokenizer.batch_decode(labels, skip_special_tokens=True)
                n_exact += sum(p.strip() == r.strip() for p, r in zip(preds, refs))
                n_total += len(refs)
        return n_exact / max(1, n_total)

    def fit(self, epochs):
        for epoch in range(epochs):
            self.train_epoch()
            acc = self.validate()
            print(f"epoch {epoch}: exact match {acc:.3f}")

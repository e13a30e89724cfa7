import torch

from .models import TextCNN
from .tokenizer import simple_tokenize


class SentimentPredictor:
    def __init__(self, ckpt_path, vocab, max_len=128, device="cpu"):
        self.device = torch.device(device)
        self.vocab = vocab
        self.max_len = max_len
        self.model = TextCNN(vocab_size=len(vocab), num_classes=2)
        state = torch.load(ckpt_path, map_location=self.device)
        self.model.load_state_dict(state)
        self.model.to(self.device).eval()

    def encode(self, texts):
        pad, unk = self.vocab["<pad>"], self.vocab["<unk>"]
        rows = []
        for text in texts:
            ids = [self.vocab.get(tok, unk) for tok in simple_tokenize(text)][: self.max_len]
            rows.append(ids + [pad] * (self.max_len - len(ids)))
        return torch.tensor(rows, dtype=torch.long, device=self.device)

    def predict(self, texts):
        ids = self.encode(texts)
        logits = self.model(ids)
        probs = torch.softmax(logits, dim=-1)
        conf, label = probs.max(dim=-1)
        return [
            {"text": t, "label": int(l), "score": float(c)}
            for t, l, c in zip(texts, label.tolist(), conf.tolist())
        ]

import torch
from transformers import AutoModelForSequenceClassification, AutoTokenizer


class SentimentPredictor:
    labels = ("negative", "neutral", "positive")

    def __init__(self, checkpoint_dir, device=None, max_length=256):
        self.device = device or ("cuda" if torch.cuda.is_available() else "cpu")
        self.tokenizer = AutoTokenizer.from_pretrained(checkpoint_dir)
        self.model = AutoModelForSequenceClassification.from_pretrained(checkpoint_dir)
        self.model.to(self.device)
        self.model.eval()
        self.max_length = max_length

    def _encode(self, texts):
        enc = self.tokenizer(
            texts,
            padding=True,
            truncation=True,
            max_length=self.max_length,
            return_tensors="pt",
        )
        return {k: v.to(self.device) for k, v in enc.items()}

    def predict(self, texts, batch_size=64):
        results = []
        for start in range(0, len(texts), batch_size):
            enc = self._encode(texts[start:start + batch_size])
            logits = self.model(**enc).logits
            probs = torch.softmax(logits, dim=-1)
            conf, idx = probs.max(dim=-1)
            for c, i in zip(conf.tolist(), idx.tolist()):
                results.append({"label": self.labels[i], "score": c})
        return results

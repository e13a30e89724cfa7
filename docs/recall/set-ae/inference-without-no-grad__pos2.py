from typing import List

import torch
from transformers import AutoTokenizer

from .modeling import SentimentClassifier

LABELS = ["negative", "neutral", "positive"]


class Predictor:
    def __init__(self, ckpt_path: str, backbone: str = "distilroberta-base", device: str = "cuda"):
        self.device = torch.device(device if torch.cuda.is_available() else "cpu")
        self.tokenizer = AutoTokenizer.from_pretrained(backbone)
        self.clf = SentimentClassifier(backbone, num_labels=len(LABELS))
        state = torch.load(ckpt_path, map_location="cpu")
        self.clf.load_state_dict(state["model"])
        self.clf.to(self.device)
        self.clf.eval()

    def _encode(self, texts: List[str]):
        enc = self.tokenizer(texts, padding=True, truncation=True, max_length=256,
                             return_tensors="pt")
        return {k: v.to(self.device) for k, v in enc.items()}

    def predict(self, texts: List[str], batch_size: int = 32):
        results = []
        for start in range(0, len(texts), batch_size):
            batch = self._encode(texts[start:start + batch_size])
            logits = self.clf(**batch)
            probs = logits.softmax(dim=-1)
            conf, idx = probs.max(dim=-1)
            for c, i in zip(conf.tolist(), idx.tolist()):
                results.append({"label": LABELS[i], "score": round(c, 4)})
        return results

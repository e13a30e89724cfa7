import json
from collections import defaultdict

import torch


class RetrievalEvaluator:
    def __init__(self, encoder, query_loader, gallery_loader, device="cuda", topk=(1, 5, 10)):
        self.encoder = encoder
        self.query_loader = query_loader
        self.gallery_loader = gallery_loader
        self.device = device
        self.topk = topk

    def _embed(self, loader):
        feats, ids = [], []
        for images, pids in loader:
            emb = self.encoder(images.to(self.device))
            feats.append(torch.nn.functional.normalize(emb, dim=1))
            ids.append(pids.to(self.device))
        return torch.cat(feats), torch.cat(ids)

    def run(self):
        with torch.no_grad():
            q_feat, q_ids = self._embed(self.query_loader)
            g_feat, g_ids = self._embed(self.gallery_loader)
        sim = q_feat @ g_feat.t()
        ranked = sim.argsort(dim=1, descending=True)
        metrics = defaultdict(float)
        for k in self.topk:
            hit = (g_ids[ranked[:, :k]] == q_ids[:, None]).any(dim=1).float()
            metrics[f"recall@{k}"] = hit.mean().item()
        return dict(metrics)

    def dump(self, path):
        with open(path, "w") as f:
            json.dump(self.run(), f, indent=2)

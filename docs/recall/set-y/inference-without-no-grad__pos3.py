import torch
import torchvision.transforms as T
from PIL import Image

from model_zoo import build_model


class Classifier:
    def __init__(self, ckpt_path, labels, device="cuda"):
        self.device = device
        self.labels = list(labels)
        self.net = build_model(num_classes=len(self.labels))
        self.net.load_state_dict(torch.load(ckpt_path, map_location="cpu"))
        self.net.to(device).eval()
        self.tf = T.Compose([
            T.Resize(256),
            T.CenterCrop(224),
            T.ToTensor(),
            T.Normalize(mean=(0.485, 0.456, 0.406), std=(0.229, 0.224, 0.225)),
        ])

    def predict(self, images, topk=5):
        batch = torch.stack([self.tf(im.convert("RGB")) for im in images]).to(self.device)
        logits = self.net(batch)
        probs = logits.softmax(dim=-1)
        scores, idx = probs.topk(topk, dim=-1)
        results = []
        for srow, irow in zip(scores.tolist(), idx.tolist()):
            results.append([(self.labels[j], s) for s, j in zip(srow, irow)])
        return results


def classify_files(paths, clf, batch_size=16):
    out = {}
    for start in range(0, len(paths), batch_size):
        chunk = paths[start:start + batch_size]
        preds = clf.predict([Image.open(p) for p in chunk])
        out.update(dict(zip(chunk, preds)))
    return out

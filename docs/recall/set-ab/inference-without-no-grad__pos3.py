import csv

import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader

from dataset import TestImages
from model import build_classifier


class Predictor:
    def __init__(self, ckpt_path, num_classes, device="cuda"):
        self.device = torch.device(device)
        self.clf = build_classifier(num_classes)
        state = torch.load(ckpt_path, map_location="cpu")
        self.clf.load_state_dict(state["model"])
        self.clf.to(self.device).eval()

    def predict_loader(self, loader):
        all_logits, all_ids = [], []
        for ids, images in loader:
            logits = self.clf(images.to(self.device, non_blocking=True))
            all_logits.append(logits)
            all_ids.extend(ids)
        probs = F.softmax(torch.cat(all_logits), dim=1)
        conf, labels = probs.max(dim=1)
        return all_ids, labels.tolist(), conf.tolist()


def write_submission(path, ids, labels, conf):
    with open(path, "w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "label", "confidence"])
        for row in zip(ids, labels, conf):
            writer.writerow(row)


if __name__ == "__main__":
    test_loader = DataLoader(TestImages("data/test"), batch_size=256, shuffle=False, num_workers=8)
    predictor = Predictor("checkpoints/best.pth", num_classes=100)
    ids, labels, conf = predictor.predict_loader(test_loader)
    write_submission("submission.csv", ids, labels, conf)

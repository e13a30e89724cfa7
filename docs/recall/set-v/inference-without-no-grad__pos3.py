import torch
import torchvision.transforms as T

from classifier import build_model


class Predictor:
    def __init__(self, ckpt_path, labels, device="cuda"):
        self.device = torch.device(device)
        self.net = build_model(num_classes=len(labels))
        self.net.load_state_dict(torch.load(ckpt_path, map_location="cpu"))
        self.net.to(self.device).eval()
        self.labels = labels
        self.tf = T.Compose([
            T.Resize(256),
            T.CenterCrop(224),
            T.ToTensor(),
            T.Normalize(mean=[0.485, 0.456, 0.406], std=[0.229, 0.224, 0.225]),
        ])

    def preprocess(self, pil_images):
        return torch.stack([self.tf(im.convert("RGB")) for im in pil_images]).to(self.device)

    def predict(self, pil_images, topk=5):
        batch = self.preprocess(pil_images)
        probs = self.net(batch).softmax(dim=-1)
        scores, idx = probs.topk(topk, dim=-1)
        results = []
        for row_idx, row_scores in zip(idx.tolist(), scores.tolist()):
            results.append([(self.labels[i], round(s, 4)) for i, s in zip(row_idx, row_scores)])
        return results

    def __call__(self, pil_images, topk=5):
        return self.predict(pil_images, topk)

import torch
import torchvision.transforms as T
from PIL import Image

from model_zoo import build_model


class Predictor:
    def __init__(self, weights, class_names, device=None):
        self.device = device or ("cuda" if torch.cuda.is_available() else "cpu")
        self.class_names = tuple(class_names)
        self.model = build_model(num_classes=len(self.class_names))
        state = torch.load(weights, map_location="cpu")
        self.model.load_state_dict(state["model"] if "model" in state else state)
        self.model.to(self.device).eval()
        self.transform = T.Compose([
            T.Resize((224, 224)),
            T.ToTensor(),
            T.Normalize((0.5, 0.5, 0.5), (0.5, 0.5, 0.5)),
        ])

    @torch.inference_mode()
    def __call__(self, images, topk=3):
        x = torch.stack([self.transform(im.convert("RGB")) for im in images]).to(self.device)
        probs = self.model(x).softmax(dim=-1)
        scores, idx = probs.topk(topk, dim=-1)
        return [[(self.class_names[j], s) for s, j in zip(sr, ir)]
                for sr, ir in zip(scores.tolist(), idx.tolist())]

    @torch.no_grad()
    def warmup(self, n=2):
        dummy = torch.zeros(1, 3, 224, 224, device=self.device)
        for _ in range(n):
            self.model(dummy)


def predict_folder(paths, predictor):
    predictor.warmup()
    return {p: predictor([Image.open(p)])[0] for p in paths}

import time

import torch
import torchvision.transforms.functional as TF
from PIL import Image

from model import build_segmenter


def time_sync():
    if torch.cuda.is_available():
        torch.cuda.synchronize()
    return time.time()


def load_image(path, size=512):
    img = Image.open(path).convert("RGB").resize((size, size))
    x = TF.to_tensor(img)
    x = TF.normalize(x, mean=[0.485, 0.456, 0.406], std=[0.229, 0.224, 0.225])
    return x.unsqueeze(0)


def segment(paths, weights, device="cuda"):
    net = build_segmenter(num_classes=19)
    net.load_state_dict(torch.load(weights, map_location="cpu"))
    net.to(device).eval()
    masks, times = [], []
    with torch.no_grad():
        for p in paths:
            x = load_image(p).to(device)
            t0 = time_sync()
            logits = net(x)
            t1 = time_sync()
            times.append(t1 - t0)
            masks.append(logits.argmax(dim=1).squeeze(0).cpu())
    print(f"mean forward time: {1000 * sum(times) / len(times):.1f} ms")
    return masks

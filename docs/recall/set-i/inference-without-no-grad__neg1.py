import torch

from models import build_detector
from utils.boxes import postprocess


@torch.no_grad()
def warmup(model, imgsz, device, runs=2):
    dummy = torch.zeros(1, 3, imgsz, imgsz, device=device)
    for _ in range(runs):
        model(dummy)


def run_inference(weights, frames, imgsz=640, conf=0.3):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = build_detector(weights).to(device).eval()
    if device.type == "cuda":
        warmup(model, imgsz, device)

    results = []
    for frame in frames:
        img = torch.as_tensor(frame, device=device).permute(2, 0, 1).float().div(255).unsqueeze(0)
        with torch.no_grad():
            raw = model(img)
        results.append(postprocess(raw, conf_thres=conf))
    return results

import argparse
from pathlib import Path

import cv2
import numpy as np
import torch

from models import load_segmenter


def preprocess(frame, size, half):
    img = cv2.resize(frame, (size, size))[:, :, ::-1].transpose(2, 0, 1)
    x = torch.from_numpy(np.ascontiguousarray(img)).float().div_(255.0).unsqueeze(0)
    return x.half() if half else x


def run(args):
    dev = torch.device(args.device)
    half = dev.type == "cuda"
    net = load_segmenter(args.weights).to(dev).eval()
    if half:
        net.half()
    torch.backends.cudnn.benchmark = True

    last_shape = None
    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    cap = cv2.VideoCapture(args.source)
    idx = 0
    while cap.isOpened():
        ok, frame = cap.read()
        if not ok:
            break
        x = preprocess(frame, args.imgsz, half).to(dev)
        if dev.type == "cuda" and x.shape != last_shape:
            last_shape = x.shape
            # let cudnn pick kernels for the new input size
            for _ in range(args.warmup_runs):
                net(x)
        with torch.no_grad():
            logits = net(x)
        mask = logits.argmax(1)[0].byte().cpu().numpy() * 255
        cv2.imwrite(str(out_dir / f"{idx:06d}.png"), mask)
        idx += 1
    cap.release()


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--weights", required=True)
    ap.add_argument("--source", default="0")
    ap.add_argument("--imgsz", type=int, default=512)
    ap.add_argument("--device", default="cuda:0")
    ap.add_argument("--warmup-runs", type=int, default=3)
    ap.add_argument("--out", default="runs/seg")
    run(ap.parse_args())

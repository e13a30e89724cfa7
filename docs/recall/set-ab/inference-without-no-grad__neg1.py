import argparse

import numpy as np
import torch

from models import load_detector
from utils.io import read_frames, draw_boxes, VideoWriter
from utils.ops import letterbox, nms


@torch.no_grad()
def run(args):
    device = torch.device(args.device)
    detector = load_detector(args.weights).to(device).eval()
    fp16 = device.type == "cuda" and args.half
    if fp16:
        detector.half()

    dtype = torch.float16 if fp16 else torch.float32
    warm = torch.zeros(1, 3, args.imgsz, args.imgsz, device=device, dtype=dtype)
    for _ in range(2):
        detector(warm)

    writer = VideoWriter(args.output, fps=args.fps)
    for frame in read_frames(args.source):
        padded, ratio, pad = letterbox(frame, args.imgsz)
        x = torch.from_numpy(np.ascontiguousarray(padded.transpose(2, 0, 1))).to(device, dtype)
        x = x.unsqueeze(0) / 255.0
        boxes = nms(detector(x)[0], conf=args.conf, iou=args.iou)
        writer.write(draw_boxes(frame, boxes, ratio, pad))
    writer.close()


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--weights", required=True)
    p.add_argument("--source", required=True)
    p.add_argument("--output", default="out.mp4")
    p.add_argument("--device", default="cuda:0")
    p.add_argument("--imgsz", type=int, default=640)
    p.add_argument("--fps", type=int, default=30)
    p.add_argument("--conf", type=float, default=0.25)
    p.add_argument("--iou", type=float, default=0.45)
    p.add_argument("--half", action="store_true")
    run(p.parse_args())

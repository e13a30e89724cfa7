import argparse
from pathlib import Path

import cv2
import torch

from models import load_detector
from utils import letterbox, nms, draw_boxes


def run(opt):
    device = torch.device(opt.device)
    model = load_detector(opt.weights, device=device)
    model.eval()
    save_dir = Path(opt.project)
    save_dir.mkdir(parents=True, exist_ok=True)

    prev_hw = (0, 0)
    for img_path in sorted(Path(opt.source).glob("*.jpg")):
        im0 = cv2.imread(str(img_path))
        img = letterbox(im0, opt.img_size)
        x = torch.from_numpy(img).to(device).permute(2, 0, 1).float().unsqueeze(0) / 255.0
        with torch.no_grad():
            if device.type != "cpu" and x.shape[-2:] != prev_hw:
                prev_hw = x.shape[-2:]
                for _ in range(3):
                    model(x)
            pred = model(x)[0]
        dets = nms(pred, opt.conf_thres, opt.iou_thres)
        cv2.imwrite(str(save_dir / img_path.name), draw_boxes(im0, dets))


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--weights", default="best.pt")
    p.add_argument("--source", default="images/")
    p.add_argument("--img-size", type=int, default=640)
    p.add_argument("--conf-thres", type=float, default=0.25)
    p.add_argument("--iou-thres", type=float, default=0.45)
    p.add_argument("--device", default="cuda:0")
    p.add_argument("--project", default="runs/detect")
    run(p.parse_args())

import argparse
import time

import torch

from models import build_detector
from datasets import CocoVal


@torch.no_grad()
def evaluate_speed(model, dataset, device, max_images=500):
    model.eval()
    total_time = 0.0
    n = 0
    for idx in range(min(max_images, len(dataset))):
        img, _ = dataset[idx]
        img = img.to(device).unsqueeze(0)
        t_start = time.time()
        outputs = model(img)
        t_end = time.time()
        total_time += t_end - t_start
        n += 1
        if idx % 100 == 0:
            print(f"[{idx}] {len(outputs[0]['boxes'])} boxes")
    print(f"average forward time: {total_time / max(n, 1) * 1000:.1f} ms over {n} images")
    return total_time / max(n, 1)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--weights", required=True)
    parser.add_argument("--coco-root", default="data/coco")
    args = parser.parse_args()
    device = torch.device("cuda")
    model = build_detector("fasterrcnn_resnet50_fpn", num_classes=91)
    model.load_state_dict(torch.load(args.weights, map_location="cpu"))
    model.to(device)
    evaluate_speed(model, CocoVal(args.coco_root), device)
